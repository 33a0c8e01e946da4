// Every fixed setting of token verification, written once.

/**
 * Signature algorithms a token may use: asymmetric only (RFC 8725 §3.1, §3.2). HS* is refused so a
 * public key can never serve as an HMAC secret, and `none` is never accepted. Entra ID, Cognito, Auth0
 * and GitHub sign with RS256; ES*, PS* are the same family of public-key signatures.
 */
export const ALLOWED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

/** Clock skew tolerated on `exp`, `nbf` (by jose) and a future `iat` (verifier.ts) between the issuer's clock and ours. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Bound on each fetch from the issuer (discovery document, JWKS). The first request of a container may
 * make both, so at most twice this, well inside the default 10 s function timeout.
 */
export const KEY_FETCH_TIMEOUT_MS = 2_000;

/**
 * After a JWKS fetch, a token with an unknown `kid` triggers another fetch only after this long, so
 * tokens with made-up key ids cannot make us hammer the issuer (jose's default, kept explicit).
 */
export const JWKS_COOLDOWN_MS = 30_000;

/** A cached JWKS is fetched again after this long even without an unknown `kid` (jose's default). */
export const JWKS_MAX_AGE_MS = 10 * 60_000;

/** The realm named in `WWW-Authenticate` (RFC 6750 §3). */
export const AUTH_REALM = 'notes';

/** OpenID Connect Core 1.0 §2: `sub` "MUST NOT exceed 255 ASCII characters in length". */
export const MAX_SUBJECT_LENGTH = 255;
