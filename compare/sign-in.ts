// The two users compare signs in as: user A runs the scenario, user B checks that A's notes
// are out of its reach. Tokens are secrets, so they come from the environment, never from flags (a flag
// shows in `ps`); against a running local mode compare asks its issuer for both itself.
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { requestToken } from '../local/oidc/request-token';
import { LOCAL_URLS_FILE, readUrlsFile } from '../local/urls-file';
import type { Source } from './compare';
import { COMPARE_LOCAL_USERS, SIGN_IN_USERS, type SignInUser, TOKEN_SETTINGS } from './sign-in-settings';

export { COMPARE_TOKEN_B_SETTING, COMPARE_TOKEN_SETTING } from './sign-in-settings';

/** `Authorization` header values per user; a user without a token is absent. */
export type Authorizations = Partial<Record<SignInUser, string>>;

/**
 * Each user's `Bearer <token>` from COMPARE_TOKEN / COMPARE_TOKEN_B; for URLs found in a running local
 * mode's urls.json that names an issuer, the users without one get a token that issuer signs.
 */
export async function compareAuthorizations(
  source: Pick<Source, 'kind'>,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<Authorizations> {
  const out: Authorizations = {};
  for (const user of SIGN_IN_USERS) {
    const token = env[TOKEN_SETTINGS[user]];
    if (token) out[user] = `Bearer ${token}`;
  }
  if (source.kind !== 'local') return out;
  const issuer = readUrlsFile(join(cwd, LOCAL_URLS_FILE))?.issuer;
  if (issuer === undefined) return out;
  for (const user of SIGN_IN_USERS) out[user] ??= `Bearer ${await requestToken(issuer, COMPARE_LOCAL_USERS[user])}`;
  return out;
}

/** "iss|sub" of a bearer header, read without verifying (only to catch one user given twice); undefined if unreadable. */
export function unverifiedUser(authorization: string): string | undefined {
  try {
    const { iss, sub } = decodeJwt(authorization.replace(/^Bearer /, ''));
    return sub === undefined ? undefined : `${iss ?? ''}|${sub}`;
  } catch {
    return undefined;
  }
}

/**
 * The same token with its signature bytes inverted: well-formed, right issuer, audience and times, and
 * a signature no key made. A server that answers it with anything but 401 does not check signatures.
 */
export function forgedAuthorization(authorization: string): string {
  const token = authorization.replace(/^Bearer /, '');
  const parts = token.split('.');
  if (parts.length !== 3) return `Bearer ${token}.forged`;
  const signature = Buffer.from(parts[2]!, 'base64url').map((byte) => byte ^ 0xff);
  return `Bearer ${parts[0]}.${parts[1]}.${Buffer.from(signature).toString('base64url')}`;
}
