// Signed-in requests for tests that talk to local mode: one place that gets a real token (from local
// mode's own OIDC issuer) and puts it on a request. Tests about something other than sign-in use these
// so that auth stays on; a test may also start local mode with `auth: 'none'`.
import type { LocalMode } from '../../local/start-local';
import { requestToken } from '../../local/oidc/request-token';

/** A token local mode's issuer signed for `user` (sub = user), as `npm run token` would print. */
export async function tokenFor(local: Pick<LocalMode, 'issuer'>, user = 'alice'): Promise<string> {
  if (!local.issuer) throw new Error('local mode runs with auth none: there is no issuer to sign a token');
  return local.issuer.mint(user);
}

/** The same, from an issuer URL a local mode printed or wrote (another process: npm start). */
export const tokenFromIssuer = (issuer: string, user = 'alice'): Promise<string> => requestToken(issuer, user);

/** `init` with `Authorization: Bearer <token>` added (a header the request sets itself wins). */
export function signedIn(init: RequestInit, token: string): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** `fetch`-like caller that signs every request in as `token`. */
export function signedInCall<A extends unknown[], R>(
  call: (url: string, path: string, init?: RequestInit, ...rest: A) => R,
  token: string,
) {
  return (url: string, path: string, init: RequestInit = {}, ...rest: A): R =>
    call(url, path, signedIn(init, token), ...rest);
}
