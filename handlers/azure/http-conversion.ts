// Functions v4 HttpRequest ⇄ Web Request/Response, so the cloud-free Hono app runs unchanged.
import type { Cookie, HttpRequest, HttpResponseInit } from '@azure/functions';
import { parseSetCookie } from './set-cookie';

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The Request the app gets: the URL, the method in upper case (fetch only normalises six), the
 * headers, and the body as the stream it already is (none for GET and HEAD), read only by the app.
 */
export function toWebRequest(request: HttpRequest, method = request.method.toUpperCase()): Request {
  const init = {
    method,
    // The Headers object itself: Request copies it once, with no list of pairs in between.
    headers: request.headers,
    body: NO_BODY_METHODS.has(method) ? null : request.body,
    // Required by Node's fetch for a stream body; not in TypeScript's DOM RequestInit, hence the cast.
    duplex: 'half',
  };
  return new Request(request.url, init as RequestInit);
}

/** `new URL(url).pathname` of a URL as Request serialises it (where "/", "?" and "#" only delimit), without parsing it again. */
export function pathnameOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  const fragment = url.indexOf('#', start);
  const end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

export async function toHttpResponseInit(response: Response, method: string): Promise<HttpResponseInit> {
  const headers: [string, string][] = [];
  const cookies: Cookie[] = [];
  // forEach gives each Set-Cookie on its own (Fetch's "sort and combine" keeps them apart).
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') {
      headers.push([name, value]);
      return;
    }
    const cookie = parseSetCookie(value);
    if (cookie) cookies.push(cookie);
  });
  const init: HttpResponseInit = { status: response.status, headers };
  if (cookies.length > 0) init.cookies = cookies;
  if (!NULL_BODY_STATUSES.has(response.status) && method.toUpperCase() !== 'HEAD') {
    init.body = new Uint8Array(await response.arrayBuffer());
  }
  return init;
}
