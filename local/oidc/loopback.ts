// The local issuer signs a token for anyone who asks, so it must be reachable from this machine only:
// bound to loopback, and answering only requests addressed to a loopback name. The second check stops
// DNS rebinding: a web page whose name is re-pointed at 127.0.0.1 reaches the port, but its browser
// still sends the page's own name in Host (https://en.wikipedia.org/wiki/DNS_rebinding).

/** The addresses and name the issuer may bind to and be addressed by. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.includes(host.toLowerCase());

/** `name`, `name:port` or `[v6]:port` (RFC 9110 §7.2) → the name; undefined when it is none of these. */
export function hostHeaderName(header: string | undefined): string | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]@/\s]+))(?::\d{1,5})?$/.exec(header ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Whether a request's Host header names this machine. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  const name = hostHeaderName(header);
  return name !== undefined && isLoopbackHost(name);
}

/** A clear error for a `host` option that would let other machines ask for tokens. */
export function loopbackHostProblem(host: string): string | undefined {
  return isLoopbackHost(host)
    ? undefined
    : `the local issuer signs tokens for anyone who asks, so it listens on loopback only: host must be one of ${LOOPBACK_HOSTS.join(', ')} (got ${JSON.stringify(host)})`;
}
