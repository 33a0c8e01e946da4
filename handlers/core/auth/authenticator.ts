// From a request's Authorization header to its owner, whichever mode the stack chose.
import { bearerToken } from './bearer';
import type { AuthConfig } from './config';
import { ANONYMOUS_OWNER } from './owner';
import { createTokenVerifier, type VerifierTimings } from './verifier';

export interface Authenticator {
  /** The owner, or TokenRejectedError (401) / KeysUnavailableError (503). */
  ownerOf(authorization: string | undefined): Promise<string>;
}

/** Create once per container (the verifier keeps the issuer's keys). */
export function createAuthenticator(config: AuthConfig, timings?: VerifierTimings): Authenticator {
  if (config.mode === 'none') return { ownerOf: async () => ANONYMOUS_OWNER };
  const verifier = createTokenVerifier(config, timings);
  return { ownerOf: async (authorization) => (await verifier.verify(bearerToken(authorization))).owner };
}
