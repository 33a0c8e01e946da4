import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Cookie, HttpRequest, HttpResponse, type HttpResponseInit } from '@azure/functions';
import { FETCH_FORBIDDEN_METHODS } from '../../handlers/core/fetch-rules';
import { decodePathLeniently } from '../../handlers/core/path-decoding';
import { originFormOf } from '../request-target';
import { serializeCookie } from './functions-cookie';

// The Functions host's HTTP trigger, in-process: the route prefix is `api` and the function's route is
// `{*path}`, so `/api/notes/1` arrives with params.path = "notes/1".

export const routePrefix = '/api';

/**
 * The HttpRequest the host hands the function, or undefined for a path outside the route prefix. The
 * URL is `baseUrl` (the host's own address, never the Host header) with the target's path and query
 * appended as sent, so "//x/api/…" stays a path; an absolute-form target is routed by its path.
 */
export function toHttpRequest(req: IncomingMessage, body: Buffer, baseUrl: string): HttpRequest | undefined {
  const url = new URL(`${baseUrl}${originFormOf(req.url ?? '/') ?? '/'}`);
  const path = url.pathname;
  if (path !== routePrefix && !path.startsWith(`${routePrefix}/`)) return undefined;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const method = (req.method ?? 'GET').toUpperCase();
  const init: HttpRequestParams = {
    method,
    url: url.toString(),
    headers: joinedHeaders(req.rawHeaders),
    query,
    // The host passes a malformed escape ("%", "%E0%A4%A") through rather than failing the request.
    params: { path: decodePathLeniently(path.slice(routePrefix.length + 1)) },
  };
  // Assigned rather than spread into the literal: an object spread there is costly per request.
  if (body.length > 0 && method !== 'GET' && method !== 'HEAD') init.body = { bytes: body };
  return FETCH_FORBIDDEN_METHODS.has(method) ? withForbiddenMethod(init) : new HttpRequest(init);
}

/**
 * Every header line as sent, a repeated one joined with ", " as the host does (Azure/azure-functions-host
 * issue 5294), cookies with "; ". Node's `req.headers` would keep only the first Content-Type, Host, …
 */
export function joinedHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}${name === 'cookie' ? '; ' : ', '}${value}` : value;
  }
  return headers;
}

type HttpRequestParams = {
  method: string;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  params: Record<string, string>;
  body?: { bytes: Buffer };
};

/**
 * HttpRequest's constructor builds a fetch Request, which cannot hold CONNECT, TRACE or TRACK. This one wraps a
 * bodiless GET Request that reports the method as sent, so the function refuses it as on AWS instead
 * of the emulator failing with a bare 500. (Whether the real host invokes the function for a method
 * outside its `methods` list is not verified; docs/ARCHITECTURE.md says so.)
 */
function withForbiddenMethod(init: HttpRequestParams): HttpRequest {
  const stand = new Request(init.url, { method: 'GET', headers: init.headers });
  const nativeRequest = new Proxy(stand, {
    // Request's getters and methods check their receiver, so they run on the real Request.
    get: (target, property) => {
      if (property === 'method') return init.method;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  // nativeRequest is the init the worker itself uses for a streamed request; it is not in the typings.
  return new HttpRequest({ ...init, nativeRequest } as ConstructorParameters<typeof HttpRequest>[0]);
}

/** Writes what the function returned (an HttpResponse or an HttpResponseInit) to the socket. */
export async function writeFunctionResponse(
  res: ServerResponse,
  result: HttpResponse | HttpResponseInit | undefined,
): Promise<number> {
  if (!(result instanceof HttpResponse) && writeBytesResponse(res, result ?? {})) return res.statusCode;
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
  const bytes = Buffer.from(await response.arrayBuffer());
  writeResponse(res, response.status, response.headers, response.cookies, bytes);
  return response.status;
}

/** Headers as fetch's Headers lists them, then one end(), which adds Content-Length (writeHead would send chunked). */
function writeResponse(
  res: ServerResponse,
  status: number,
  headers: Headers,
  cookies: readonly Cookie[],
  body: Buffer | string | undefined,
): void {
  headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies.map(serializeCookie));
  res.statusCode = status;
  res.end(body);
}

const nullBodyStatuses = new Set([204, 205, 304]);

/**
 * The common init (status, headers, cookies, a string or byte body) written without building a fetch
 * Response and reading its body back through a web stream, with what `new HttpResponse(init)` would
 * give: fetch's header rules (Headers), text/plain for a string body without a type, no body for a
 * null-body status. Returns false, writing nothing, for anything else (jsonBody, streams, odd statuses).
 */
function writeBytesResponse(res: ServerResponse, init: HttpResponseInit): boolean {
  const { status = 200, body } = init;
  const isBytes = body instanceof Uint8Array;
  if (
    (init as { nativeResponse?: unknown }).nativeResponse !== undefined ||
    (init.jsonBody !== undefined && init.jsonBody !== null)
  )
    return false;
  if (!Number.isInteger(status) || status < 200 || status > 599) return false;
  if (body !== undefined && body !== null && typeof body !== 'string' && !isBytes) return false;
  const headers = new Headers(init.headers as HeadersInit | undefined);
  const hasBody = body !== undefined && body !== null && !nullBodyStatuses.has(status);
  if (hasBody && typeof body === 'string' && !headers.has('content-type'))
    headers.set('content-type', 'text/plain;charset=UTF-8');
  const bytes = !hasBody
    ? undefined
    : isBytes
      ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
      : (body as string);
  writeResponse(res, status, headers, init.cookies ?? [], bytes);
  return true;
}

/** The host's answer when the function throws: 500 with no body. */
export function writeFunctionError(res: ServerResponse): number {
  res.writeHead(500);
  res.end();
  return 500;
}
