// From a request's Authorization header to its owner, whichever mode the stack chose.
import { bearerToken } from './bearer';
import { type AuthConfig, authConfigFromEnv } from './config';
import { ANONYMOUS_OWNER } from './owner';
import { createTokenVerifier, type VerifierTimings } from './verifier';

export interface Authenticator {
  /** The owner, or TokenRejectedError (401) / KeysUnavailableError (503). */
  ownerOf(authorization: string | undefined): Promise<string>;
  /**
   * Starts fetching what verifying needs (the issuer's keys) without waiting for it: an api entry calls
   * it at init, so the first signed-in caller after a cold start finds them there or on the way.
   */
  prepare?(): void;
}

/** Create once per container (the verifier keeps the issuer's keys). */
export function createAuthenticator(config: AuthConfig, timings?: VerifierTimings): Authenticator {
  if (config.mode === 'none') return { ownerOf: async () => ANONYMOUS_OWNER };
  const verifier = createTokenVerifier(config, timings);
  return {
    ownerOf: async (authorization) => (await verifier.verify(bearerToken(authorization))).owner,
    prepare: () => verifier.prefetch(),
  };
}

/**
 * The authenticator a function builds from its environment / app settings (contract/settings.ts
 * AUTH_SETTINGS); AuthConfigError when they choose neither an issuer nor `none`, so no note is served.
 */
export function authenticatorFromEnv(env: Record<string, string | undefined> = process.env): Authenticator {
  return createAuthenticator(authConfigFromEnv(env));
}

/** Every caller is the anonymous owner: `auth: none` stacks, and tests about something else than sign-in. */
export const noSignIn = (): Authenticator => createAuthenticator({ mode: 'none' });
