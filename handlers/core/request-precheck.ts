// Checks both cloud adapters make on a request before they build a fetch Request from it: what the
// Request constructor refuses, or what each cloud's runtime would hand the app differently, is
// answered here, identically on both clouds (docs/ARCHITECTURE.md, "HTTP contract").
import { TrieRouter } from 'hono/router/trie-router';
import type { ServedBy } from '../../contract/served-by';
import { type Logger, UNMATCHED_ROUTE } from './log';
import { hasDotSegment } from './path-decoding';
import { problemResponse } from './problem';
import { startStopwatch } from './stopwatch';
import { FETCH_FORBIDDEN_METHODS, HTTP_TOKEN } from './fetch-rules';

/** RFC 9110 §5.5: field-vchar and whitespace in ASCII. obs-text (0x80–0xFF) is not carried alike. */
const NOT_ASCII_FIELD_CHAR = /[^\t\x20-\x7e]/;

export interface RequestHead {
  method: string;
  /** The path, percent-decoded (API Gateway's rawPath; the Functions URL path decoded leniently). */
  decodedPath: string;
  headers: Iterable<readonly [string, string]>;
}

export interface PrecheckTarget {
  servedBy: ServedBy;
  /** The app's routes (hono's `app.routes`), for the `Allow` header; none means an empty `Allow`. */
  routes?: readonly { method: string; path: string }[];
  /** Where the refusal's log line goes (the app's logger: one line per request, refused or not). */
  log?: Logger;
}

/** A refusal made before the app: status, the problem's detail, extra headers (Allow). */
export interface Refusal {
  status: number;
  detail: string;
  headers?: Record<string, string>;
}

/** The methods the routes allow on `path`, as hono's method-not-allowed middleware computes them. */
export function allowedMethods(routes: PrecheckTarget['routes'], path: string): string[] {
  const router = new TrieRouter<string>();
  for (const route of routes ?? []) {
    if (route.method === 'ALL' || route.method === 'HEAD') continue;
    router.add('ALL', route.path, route.method);
    if (route.method === 'GET') router.add('ALL', route.path, 'HEAD');
  }
  return [...new Set(router.match('ALL', path)[0].map(([method]) => method))];
}

/** The pre-check's verdict alone, for a front door that answers by itself (the method in upper case). */
export function precheckRefusal(head: RequestHead, target: Pick<PrecheckTarget, 'routes'>): Refusal | undefined {
  const shown = head.decodedPath.slice(0, 200);
  // A decoded "%2F..%2F" would otherwise be resolved by URL parsing onto another route or note.
  if (hasDotSegment(head.decodedPath)) {
    return {
      status: 404,
      detail: `There is no route ${head.method} ${shown}: "." and ".." path segments are not resolved.`,
    };
  }
  if (!HTTP_TOKEN.test(head.method)) {
    return { status: 400, detail: `The method "${head.method.slice(0, 40)}" is not a token (RFC 9110 §9.1).` };
  }
  if (FETCH_FORBIDDEN_METHODS.has(head.method)) {
    const allow = allowedMethods(target.routes, head.decodedPath);
    const use = allow.length > 0 ? `; use ${allow.join(', ')}` : '';
    return { status: 405, detail: `${head.method} is not allowed here${use}.`, headers: { allow: allow.join(', ') } };
  }
  for (const [name, value] of head.headers) {
    if (!HTTP_TOKEN.test(name)) {
      return { status: 400, detail: `The header name "${name.slice(0, 40)}" is not a token (RFC 9110 §5.1).` };
    }
    if (NOT_ASCII_FIELD_CHAR.test(value)) {
      return {
        status: 400,
        detail: `The ${name.toLowerCase()} header has a character that is not ASCII; header values must be ASCII.`,
      };
    }
  }
  return undefined;
}

/**
 * The refusal for a request no adapter may pass on to the app, marked like the app's answers and
 * logged like them (with the reason); else undefined.
 */
export function precheckRequest(head: RequestHead, target: PrecheckTarget): Response | undefined {
  const elapsedMs = startStopwatch();
  const method = head.method.toUpperCase();
  const refused = precheckRefusal({ ...head, method }, target);
  if (!refused) return undefined;
  const response = problemResponse(refused.status, refused.detail, {
    headers: { ...refused.headers, 'x-served-by': target.servedBy },
  });
  const durationMs = elapsedMs();
  target.log?.request({ method, route: UNMATCHED_ROUTE, status: refused.status, durationMs, reason: refused.detail });
  return response;
}
