// What a function knows about sign-in: an OIDC issuer and the audience its tokens must name, or none.
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../../contract/settings';
import { issuerUrlProblem } from './issuer-url';

export type AuthConfig = { mode: 'oidc'; issuer: string; audience: string } | { mode: 'none' };

/** The settings that carry the config to the functions (names in contract/settings.ts, same on both clouds). */
export const AUTH_ENV = AUTH_SETTINGS;
export { AUTH_MODE_NONE };

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/** Reads the config from the environment; a function without a valid one must not serve notes. */
export function authConfigFromEnv(env: Record<string, string | undefined>): AuthConfig {
  const issuer = env[AUTH_ENV.issuer];
  const audience = env[AUTH_ENV.audience];
  const mode = env[AUTH_ENV.mode];
  if (mode === AUTH_MODE_NONE) {
    if (issuer || audience) throw new AuthConfigError(`${AUTH_ENV.mode}=none but ${AUTH_ENV.issuer}/${AUTH_ENV.audience} are set: choose one.`);
    return { mode: 'none' };
  }
  if (mode) throw new AuthConfigError(`${AUTH_ENV.mode} must be "none" or unset, not ${JSON.stringify(mode)}.`);
  if (!issuer || !audience) {
    throw new AuthConfigError(`Set ${AUTH_ENV.issuer} and ${AUTH_ENV.audience}, or ${AUTH_ENV.mode}=none.`);
  }
  const problem = issuerUrlProblem(issuer);
  if (problem) throw new AuthConfigError(`${AUTH_ENV.issuer}: ${problem}.`);
  return { mode: 'oidc', issuer, audience };
}
