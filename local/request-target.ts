import type { IncomingMessage } from 'node:http';
import type { Refusal } from '../handlers/core/request-precheck';

// What a front door takes from the request line, and what it never takes from the client: the URL's
// authority is the front door's own address, as API Gateway's `requestContext.domainName` and the
// Functions host's URL come from the platform, not from the Host header.

const ABSOLUTE_FORM = /^https?:\/\/[^/?#]*/i;

/**
 * The path and query of a request target (RFC 9112 §3.2): origin-form as sent ("//x/y" is a path that
 * starts with an empty segment, not an authority); absolute-form without its scheme and authority (a
 * server must accept it, §3.2.2, and routes by its path); undefined for anything else ("*", "host:443").
 */
export function originFormOf(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  const absolute = ABSOLUTE_FORM.exec(target);
  if (!absolute) return undefined;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * What either front door refuses in the request line and Host before reading the body: a target with
 * no path, and an HTTP/1.1 request without Host (RFC 9112 §3.2: 400). Node's own check for the latter
 * answers a bare 400, so the servers turn it off (`requireHostHeader: false`) and refuse here.
 */
export function requestLineRefusal(req: IncomingMessage): Refusal | undefined {
  const target = req.url ?? '';
  if (originFormOf(target) === undefined) {
    return { status: 400, detail: `The request target must be a path such as /api/notes or an absolute http(s) URL, not "${target.slice(0, 100)}".` };
  }
  if (req.httpVersion === '1.1' && req.headers.host === undefined) return { status: 400, detail: 'An HTTP/1.1 request must have a Host header.' };
  return undefined;
}

/** "127.0.0.1:<port>": the address the request came in on, which the client cannot choose. */
export function ownHost(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  return `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort ?? 0}`;
}
