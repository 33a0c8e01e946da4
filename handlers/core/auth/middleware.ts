// A Hono middleware that lets only signed-in requests reach the notes routes (hello and health stay public).
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { problemResponse, RETRY_SOON } from '../problem';
import type { Authenticator } from './authenticator';
import { KeysUnavailableError, TokenRejectedError } from './errors';
import { AUTH_REALM } from './settings';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's owner (handlers/core/auth/owner.ts), set by `requireOwner`. */
    owner: string;
  }
}

/** Every path of the notes routes, activity included ("/api/notes/*" also matches "/api/notes" itself). */
export const PROTECTED_PATHS = ['/api/notes/*'] as const;

/** RFC 6750 §3: no error code when no credentials were sent (§3.1), `invalid_token` otherwise. */
export function bearerChallenge(error: TokenRejectedError): string {
  const realm = `Bearer realm="${AUTH_REALM}"`;
  return error.missing ? realm : `${realm}, error="invalid_token", error_description="${error.description}"`;
}

/** 401 for a missing or bad token, 503 when the issuer's keys are out of reach; else sets `owner`. */
export function requireOwner(auth: Authenticator): MiddlewareHandler {
  return async (c, next) => {
    // A CORS preflight carries no credentials (Fetch standard, CORS-preflight request): never refuse it.
    if (c.req.method === 'OPTIONS') return next();
    let owner: string;
    try {
      owner = await auth.ownerOf(c.req.header('authorization'));
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        return problemResponse(401, `${error.description}.`, {
          headers: { 'www-authenticate': bearerChallenge(error) },
        });
      }
      if (error instanceof KeysUnavailableError) {
        return problemResponse(503, `The sign-in keys could not be checked (${error.reason}); retry shortly.`, {
          headers: RETRY_SOON,
        });
      }
      throw error;
    }
    c.set('owner', owner);
    await next();
  };
}

/** Mounts `requireOwner` on the notes routes of `app`: call before registering them. */
export function protectNotes(app: Hono, auth: Authenticator): void {
  const guard = requireOwner(auth);
  for (const path of PROTECTED_PATHS) app.use(path, guard);
}

/** The owner `requireOwner` set; a route behind it that finds none is a bug (500). */
export function requestOwner(c: Context): string {
  const owner = c.get('owner');
  if (!owner) throw new Error('No owner on a protected route: is requireOwner mounted?');
  return owner;
}
