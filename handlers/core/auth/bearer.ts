// The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1).
import { TokenRejectedError } from './errors';

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// Another scheme (Basic...), or "Bearer" with nothing after it: no Bearer credentials at all.
const NO_BEARER_TOKEN = /^(?!Bearer(?: |$))|^Bearer *$/i;

/**
 * The bearer token, or a TokenRejectedError: `missing` when there are no Bearer credentials at all (no
 * header, another scheme such as Basic, or "Bearer" alone), a plain rejection when a Bearer header is malformed (two
 * tokens, as when a platform joins a repeated header with ",", included). The scheme is case-insensitive
 * (RFC 9110 §11.1).
 */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || NO_BEARER_TOKEN.test(header.trim())) {
    throw new TokenRejectedError('No Bearer token was sent', true);
  }
  const match = BEARER.exec(header.trim());
  if (!match) throw new TokenRejectedError('The Authorization header is not Bearer followed by one token');
  return match[1]!;
}
