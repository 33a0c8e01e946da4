// Functions v4 HttpRequest ⇄ Web Request/Response, so the cloud-free Hono app runs unchanged.
import type { Cookie, HttpRequest, HttpResponseInit } from '@azure/functions';
import { parseSetCookie } from './set-cookie';

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export async function toWebRequest(request: HttpRequest): Promise<Request> {
  const method = request.method.toUpperCase();
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  const bytes = NO_BODY_METHODS.has(method) ? undefined : new Uint8Array(await request.arrayBuffer());
  return new Request(request.url, {
    method,
    headers,
    body: bytes && bytes.byteLength > 0 ? bytes : undefined,
  });
}

export async function toHttpResponseInit(response: Response, method: string): Promise<HttpResponseInit> {
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  const cookies = response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .filter((c): c is Cookie => c !== undefined);
  const hasBody = !NULL_BODY_STATUSES.has(response.status) && method.toUpperCase() !== 'HEAD';
  return {
    status: response.status,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
    ...(hasBody ? { body: new Uint8Array(await response.arrayBuffer()) } : {}),
  };
}
