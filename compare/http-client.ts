// One request to one cloud, timed from send to the last body byte. Never retries: a POST that timed out
// may still have committed, and sending it again would create a second note.
import type { Exchange } from './types';

export interface RequestSpec {
  method: string;
  /** Path and query below the base URL, starting with /api. */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is (to send bad JSON on purpose); anything else is JSON-encoded. */
  body?: unknown;
  /** Another user's `Authorization` for this request, or null to send none; undefined: the client's own. */
  authorization?: string | null;
}

export interface CloudClient {
  readonly baseUrl: string;
  send(spec: RequestSpec): Promise<Exchange>;
}

/** Why fetch failed, in a few words: "timed out after 5000 ms", "ECONNREFUSED", ... */
// Duck-typed: fetch's errors may come from another realm (e.g. under jest), where instanceof fails.
function describeFailure(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  if (cause && typeof cause === 'object') {
    const { code, message: causeMessage } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof causeMessage === 'string') return causeMessage;
  }
  return typeof message === 'string' ? message : String(error);
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text; // claimed JSON but is not: comparing the text still shows the difference
    }
  }
  return text;
}

/** `authorization` goes on every request that does not set its own (compare/sign-in.ts). */
export function createClient(baseUrl: string, timeoutMs: number, authorization?: string): CloudClient {
  return {
    baseUrl,
    async send(spec: RequestSpec): Promise<Exchange> {
      const sent = spec.authorization === undefined ? authorization : spec.authorization;
      const headers: Record<string, string> = { ...(sent && { authorization: sent }), ...spec.headers };
      let body: string | undefined;
      if (spec.body !== undefined) {
        body = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
        headers['content-type'] ??= 'application/json';
      }
      const started = performance.now();
      try {
        const response = await fetch(baseUrl + spec.path, {
          method: spec.method,
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        const latencyMs = performance.now() - started;
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          responseHeaders[name.toLowerCase()] = value;
        });
        return {
          status: response.status,
          headers: responseHeaders,
          body: parseBody(text, responseHeaders['content-type']),
          latencyMs,
        };
      } catch (error) {
        return {
          status: undefined,
          headers: {},
          body: undefined,
          latencyMs: performance.now() - started,
          error: describeFailure(error, timeoutMs),
        };
      }
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
