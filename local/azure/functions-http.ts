import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRequest, HttpResponse, type HttpResponseInit } from '@azure/functions';
import { decodePathLeniently } from '../../handlers/core/path-decoding';
import { serializeCookie } from './functions-cookie';

// The Functions host's HTTP trigger, in-process: the route prefix is `api` and the function's route is
// `{*path}`, so `/api/notes/1` arrives with params.path = "notes/1".

export const routePrefix = '/api';

export function toHttpRequest(req: IncomingMessage, body: Buffer, baseUrl: string): HttpRequest | undefined {
  const url = new URL(req.url ?? '/', baseUrl);
  const path = url.pathname;
  if (path !== routePrefix && !path.startsWith(`${routePrefix}/`)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const method = (req.method ?? 'GET').toUpperCase();
  const init = {
    method,
    url: url.toString(),
    headers,
    query,
    // The host passes a malformed escape ("%", "%E0%A4%A") through rather than failing the request.
    params: { path: decodePathLeniently(path.slice(routePrefix.length + 1)) },
    ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: { bytes: body } } : {}),
  };
  return FETCH_FORBIDDEN_METHODS.has(method) ? withForbiddenMethod(init) : new HttpRequest(init);
}

/** Methods fetch's Request refuses, and so HttpRequest's constructor (which builds one). */
const FETCH_FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK']);

/**
 * HttpRequest's constructor builds a fetch Request, which cannot hold TRACE or TRACK. This one wraps a
 * bodiless GET Request that reports the method as sent, so the function refuses it as on AWS instead
 * of the emulator failing with a bare 500. (Whether the real host invokes the function for a method
 * outside its `methods` list is not verified; docs/ARCHITECTURE.md says so.)
 */
function withForbiddenMethod(init: { method: string; url: string; headers: Record<string, string>; query: Record<string, string>; params: Record<string, string> }): HttpRequest {
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
export async function writeFunctionResponse(res: ServerResponse, result: HttpResponse | HttpResponseInit | undefined): Promise<number> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
  const bytes = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (response.cookies.length > 0) res.setHeader('set-cookie', response.cookies.map(serializeCookie));
  res.statusCode = response.status;
  res.end(bytes);
  return response.status;
}

/** The host's answer for a path outside the route prefix: no function matches. */
export function writeNoFunction(res: ServerResponse): number {
  res.writeHead(404);
  res.end();
  return 404;
}

/** The host's answer when the function throws: 500 with no body. */
export function writeFunctionError(res: ServerResponse): number {
  res.writeHead(500);
  res.end();
  return 500;
}
