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

/** RFC 9110 §7.2: uri-host [ ":" port ], uri-host an IP literal or a reg-name (possibly empty). */
const HOST = /^(?:\[[0-9A-Za-z:._~!$&'()*+,;=-]+\]|(?:[A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)(?::[0-9]*)?$/;

function hostRefusal(req: IncomingMessage): string | undefined {
  const hosts: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts.push(req.rawHeaders[i + 1]!);
  if (hosts.length === 0) return req.httpVersion === '1.1' ? 'An HTTP/1.1 request must have a Host header.' : undefined;
  if (hosts.length > 1) return 'The request has more than one Host header.';
  if (!HOST.test(hosts[0]!)) return `The Host header "${hosts[0]!.slice(0, 100)}" is not a host and port.`;
  return undefined;
}

/**
 * What either front door refuses in the request line and Host before reading the body: a target with
 * no path, and (RFC 9112 §3.2) an HTTP/1.1 request without Host, more than one Host, or a Host that is
 * no host (Kestrel under the Functions host refuses a missing or repeated one: aspnet/KestrelHttpServer#1661). Node answers a
 * missing Host with its own bare 400, so the servers turn that off (`requireHostHeader: false`). A
 * valid Host is never used: it routes nothing.
 */
export function requestLineRefusal(req: IncomingMessage): Refusal | undefined {
  const target = req.url ?? '';
  if (originFormOf(target) === undefined) {
    return {
      status: 400,
      detail: `The request target must be a path such as /api/notes or an absolute http(s) URL, not "${target.slice(0, 100)}".`,
    };
  }
  const host = hostRefusal(req);
  return host === undefined ? undefined : { status: 400, detail: host };
}

/** "127.0.0.1:<port>": the address the request came in on, which the client cannot choose. */
export function ownHost(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  return `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort ?? 0}`;
}
