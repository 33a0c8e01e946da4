// What a function knows about sign-in: an OIDC issuer and the audience its tokens must name, or none.
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../../contract/settings';
import { issuerUrlProblem } from './issuer-url';

export type AuthConfig = { mode: 'oidc'; issuer: string; audience: string } | { mode: 'none' };

/** The settings that carry the config to the functions (names in contract/settings.ts, same on both clouds). */

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/** Reads the config from the environment; a function without a valid one must not serve notes. */
export function authConfigFromEnv(env: Record<string, string | undefined>): AuthConfig {
  const issuer = env[AUTH_SETTINGS.issuer];
  const audience = env[AUTH_SETTINGS.audience];
  const mode = env[AUTH_SETTINGS.mode];
  if (mode === AUTH_MODE_NONE) {
    if (issuer || audience)
      throw new AuthConfigError(
        `${AUTH_SETTINGS.mode}=none but ${AUTH_SETTINGS.issuer}/${AUTH_SETTINGS.audience} are set: choose one.`,
      );
    return { mode: 'none' };
  }
  if (mode) throw new AuthConfigError(`${AUTH_SETTINGS.mode} must be "none" or unset, not ${JSON.stringify(mode)}.`);
  if (!issuer || !audience) {
    throw new AuthConfigError(
      `Set ${AUTH_SETTINGS.issuer} and ${AUTH_SETTINGS.audience}, or ${AUTH_SETTINGS.mode}=none.`,
    );
  }
  const problem = issuerUrlProblem(issuer);
  if (problem) throw new AuthConfigError(`${AUTH_SETTINGS.issuer}: ${problem}.`);
  return { mode: 'oidc', issuer, audience };
}
