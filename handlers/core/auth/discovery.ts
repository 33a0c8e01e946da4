// The JWKS location of an issuer, from its OpenID Connect discovery document, fetched in bounded time.
import { KeysUnavailableError } from './errors';
import { issuerGet } from './issuer-get';
import { issuerUrlProblem } from './issuer-url';

/**
 * OpenID Connect Discovery 1.0 §4: the document is at the issuer + "/.well-known/openid-configuration"
 * (a terminating "/" of the issuer removed first), and its `issuer` must equal the issuer it was
 * fetched for (§4.3), else an attacker who can serve that path could hand out their own keys.
 */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

/** The issuer's `jwks_uri`, or KeysUnavailableError when it cannot be had within `timeoutMs`. */
export async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<URL> {
  let document: unknown;
  try {
    // No redirect is followed: a 3xx is not 200, so it fails like any other answer.
    const response = await issuerGet(discoveryUrl(issuer), { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) throw new KeysUnavailableError(`discovery answered ${response.status}`);
    document = await response.json();
  } catch (error) {
    if (error instanceof KeysUnavailableError) throw error;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new KeysUnavailableError(timedOut ? 'discovery timed out' : 'discovery failed');
  }
  const { issuer: said, jwks_uri: jwksUri } = (document ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
  if (said !== issuer) throw new KeysUnavailableError('discovery names another issuer');
  if (typeof jwksUri !== 'string' || issuerUrlProblem(jwksUri))
    throw new KeysUnavailableError('discovery has no usable jwks_uri');
  return new URL(jwksUri);
}
