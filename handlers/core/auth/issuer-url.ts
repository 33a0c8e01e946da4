// Which issuer URLs we trust to hand out keys: the one rule shared by the stack config and the functions.

/** Loopback hosts, the only ones allowed plain http (local mode's issuer; nothing leaves the machine). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Why `value` cannot be an OIDC issuer (or a `jwks_uri`), or undefined. OpenID Connect Discovery 1.0 §3:
 * an issuer is an https URL with no query or fragment; we also refuse credentials in it. It is kept
 * exactly as written, because `iss` must equal it character for character (Auth0's ends in "/").
 */
export function issuerUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value)} is not a URL`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    return `${JSON.stringify(value)} must use https (plain http only on loopback: localhost, 127.x.x.x, [::1])`;
  }
  if (url.username || url.password) return `${JSON.stringify(value)} must not contain credentials`;
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    return `${JSON.stringify(value)} must have no query or fragment`;
  }
  return undefined;
}
