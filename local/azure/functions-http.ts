import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRequest, HttpResponse, type HttpResponseInit } from '@azure/functions';
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
  return new HttpRequest({
    method,
    url: url.toString(),
    headers,
    query,
    params: { path: decodeURIComponent(path.slice(routePrefix.length + 1)) },
    ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: { bytes: body } } : {}),
  });
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
