// The two ways verification fails: the token's fault (401) or ours, the issuer's keys out of reach (503).

/**
 * The token is missing, malformed or not acceptable. `description` goes into `WWW-Authenticate`'s
 * error_description, so it is plain ASCII without `"` or `\` (RFC 6750 §3). `missing` = no Bearer
 * credentials at all: RFC 6750 §3.1 says such an answer SHOULD NOT carry an error code.
 */
export class TokenRejectedError extends Error {
  constructor(
    readonly description: string,
    readonly missing = false,
  ) {
    super(description);
    this.name = 'TokenRejectedError';
  }
}

/**
 * The issuer's discovery document or JWKS could not be fetched in time. The token may be fine, so this
 * is not a 401 (a client would throw away a good token and sign in again): it is a 503 to retry.
 */
export class KeysUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'KeysUnavailableError';
  }
}
