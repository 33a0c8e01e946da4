/**
 * The sign-in part of the stack config: `authIssuer` + `authAudience` (an OpenID Connect issuer and the
 * audience its tokens must name), or `auth: none` for a trial stack. Pure; with neither, or anything
 * contradictory, it throws before any resource exists, saying how to choose.
 */
import { type AuthConfig, AuthConfigError } from '../handlers/core/auth/config';
import { AUTH_SETTINGS, AUTH_MODE_NONE } from '../contract/settings';
import { issuerUrlProblem } from '../handlers/core/auth/issuer-url';

export { AuthConfigError };

/** The stack config keys (without the project namespace). */
export const AUTH_CONFIG_KEYS = { issuer: 'authIssuer', audience: 'authAudience', mode: 'auth' } as const;

export type RawAuthConfig = Partial<Record<(typeof AUTH_CONFIG_KEYS)[keyof typeof AUTH_CONFIG_KEYS], unknown>>;

const K = AUTH_CONFIG_KEYS;

export const CHOOSE_AUTH = [
  'Choose how users sign in; nothing was created. Either an OpenID Connect issuer and the audience its tokens must name:',
  `  pulumi config set ${K.issuer} https://login.microsoftonline.com/<tenant-id>/v2.0   # or Cognito, Auth0, ...`,
  `  pulumi config set ${K.audience} <the API's client id or identifier>`,
  'or no sign-in, for a trial stack where anyone can use every note (they all have one anonymous owner):',
  `  pulumi config set ${K.mode} ${AUTH_MODE_NONE}`,
].join('\n');

/** A set string value, undefined when the key is absent; anything else is a problem. */
function text(key: string, value: unknown, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${key} must be a string, not ${JSON.stringify(value)}`);
    return undefined;
  }
  if (value.trim() !== value || value === '') {
    problems.push(`${key} is ${value === '' ? 'empty' : 'surrounded by spaces'}: ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

export function parseAuthConfig(raw: RawAuthConfig): AuthConfig {
  const problems: string[] = [];
  const issuer = text(K.issuer, raw[K.issuer], problems);
  const audience = text(K.audience, raw[K.audience], problems);
  const mode = text(K.mode, raw[K.mode], problems);
  if (problems.length > 0) throw new AuthConfigError(problems.join('\n'));

  if (mode !== undefined) {
    if (mode !== AUTH_MODE_NONE) {
      throw new AuthConfigError(
        `${K.mode} accepts only "${AUTH_MODE_NONE}" (sign-in off), not ${JSON.stringify(mode)}; for sign-in set ${K.issuer} and ${K.audience} instead.`,
      );
    }
    if (issuer !== undefined || audience !== undefined) {
      throw new AuthConfigError(
        `${K.mode} is "${AUTH_MODE_NONE}" but ${[issuer && K.issuer, audience && K.audience].filter(Boolean).join(' and ')} set too: keep one or the other.`,
      );
    }
    return { mode: 'none' };
  }
  if (issuer === undefined && audience === undefined) throw new AuthConfigError(CHOOSE_AUTH);
  if (issuer === undefined)
    throw new AuthConfigError(
      `${K.audience} is set but ${K.issuer} is not: set the issuer whose tokens name that audience.`,
    );
  if (audience === undefined)
    throw new AuthConfigError(
      `${K.issuer} is set but ${K.audience} is not: set the audience its tokens must name (the API's client id or identifier).`,
    );
  const problem = issuerUrlProblem(issuer);
  if (problem) throw new AuthConfigError(`${K.issuer}: ${problem}.`);
  return { mode: 'oidc', issuer, audience };
}

/** The component-argument form of the same rule: why `auth` is not a usable config, or undefined. */
export function authArgProblem(auth: AuthConfig | undefined): string | undefined {
  if (auth?.mode === 'none') return undefined;
  if (auth?.mode !== 'oidc') return `auth must be { mode: 'oidc', issuer, audience } or { mode: 'none' }`;
  if (typeof auth.audience !== 'string' || auth.audience.trim() === '')
    return 'auth.audience must be a non-empty string';
  const problem = issuerUrlProblem(auth.issuer);
  return problem && `auth.issuer: ${problem}`;
}

/** The functions' environment / app settings for a config (read back by authConfigFromEnv). */
export function authEnvironment(config: AuthConfig): Record<string, string> {
  return config.mode === 'none'
    ? { [AUTH_SETTINGS.mode]: AUTH_MODE_NONE }
    : { [AUTH_SETTINGS.issuer]: config.issuer, [AUTH_SETTINGS.audience]: config.audience };
}
