// Functions v4 HttpRequest ⇄ Web Request/Response, so the cloud-free Hono app runs unchanged.
import type { Cookie, HttpRequest, HttpResponseInit } from '@azure/functions';
import { parseSetCookie } from './set-cookie';

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The Request the app gets: the URL (default: the host's), the method in upper case (fetch only
 * normalises six), the headers, and the body as the stream it already is (none for GET and HEAD), read
 * only by the app.
 */
export function toWebRequest(request: HttpRequest, method = request.method.toUpperCase(), url = request.url): Request {
  const init = {
    method,
    // The Headers object itself: Request copies it once, with no list of pairs in between.
    headers: request.headers,
    body: NO_BODY_METHODS.has(method) ? null : request.body,
    // Required by Node's fetch for a stream body; not in TypeScript's DOM RequestInit, hence the cast.
    duplex: 'half',
  };
  return new Request(url, init as RequestInit);
}

export interface UrlParts {
  /** Scheme and authority, as the host built them. */
  origin: string;
  pathname: string;
  /** The query with its "?", or empty (a bare "?" too, as URL has it). */
  search: string;
}

/** `new URL(url)`'s parts of a URL as Request serialises it (where "/", "?" and "#" only delimit), without parsing it again. */
export function splitUrl(url: string): UrlParts {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return { origin: url, pathname: '/', search: '' };
  const fragment = url.indexOf('#', start);
  const end = fragment < 0 ? url.length : fragment;
  const query = url.indexOf('?', start);
  const pathEnd = query < 0 || query > end ? end : query;
  const search = url.slice(pathEnd, end);
  return { origin: url.slice(0, start), pathname: url.slice(start, pathEnd), search: search === '?' ? '' : search };
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
