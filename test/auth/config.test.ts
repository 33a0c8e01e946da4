// The stack's sign-in choice (program/auth-config.ts) and how the functions read it back.
import { type AuthConfig, authConfigFromEnv, AuthConfigError } from '../../handlers/core/auth/config';
import { AUTH_SETTINGS } from '../../contract/settings';
import { issuerUrlProblem } from '../../handlers/core/auth/issuer-url';
import { authEnvironment, CHOOSE_AUTH, parseAuthConfig } from '../../program/auth-config';

const ENTRA = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0';

function refusal(raw: Parameters<typeof parseAuthConfig>[0]): string {
  try {
    parseAuthConfig(raw);
  } catch (error) {
    if (error instanceof AuthConfigError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

test('an issuer and an audience, or auth none', () => {
  expect(parseAuthConfig({ authIssuer: ENTRA, authAudience: 'api://notes' })).toEqual({
    mode: 'oidc',
    issuer: ENTRA,
    audience: 'api://notes',
  });
  // Kept exactly: Auth0's issuers end in "/", and `iss` must match character for character.
  expect(parseAuthConfig({ authIssuer: 'https://tenant.eu.auth0.com/', authAudience: 'a' })).toMatchObject({
    issuer: 'https://tenant.eu.auth0.com/',
  });
  expect(parseAuthConfig({ auth: 'none' })).toEqual({ mode: 'none' });
});

test('with neither, the error says how to choose, with the commands', () => {
  const message = refusal({});
  expect(message).toBe(CHOOSE_AUTH);
  expect(message).toMatch(/nothing was created/);
  expect(message).toMatch(/pulumi config set authIssuer https:\/\//);
  expect(message).toMatch(/pulumi config set authAudience /);
  expect(message).toMatch(/pulumi config set auth none/);
});

test('half a choice, or both, is named', () => {
  expect(refusal({ authIssuer: ENTRA })).toMatch(/authIssuer is set but authAudience is not/);
  expect(refusal({ authAudience: 'x' })).toMatch(/authAudience is set but authIssuer is not/);
  expect(refusal({ auth: 'none', authIssuer: ENTRA })).toMatch(/auth is "none" but authIssuer set too/);
  expect(refusal({ auth: 'none', authIssuer: ENTRA, authAudience: 'x' })).toMatch(
    /authIssuer and authAudience set too/,
  );
  expect(refusal({ auth: 'oidc' })).toMatch(/auth accepts only "none"/);
});

test('bad values', () => {
  expect(refusal({ authIssuer: '', authAudience: 'x' })).toMatch(/authIssuer is empty/);
  expect(refusal({ authIssuer: ENTRA, authAudience: ' x' })).toMatch(/authAudience is surrounded by spaces/);
  expect(refusal({ authIssuer: 42, authAudience: 'x' })).toMatch(/authIssuer must be a string/);
  expect(refusal({ authIssuer: 'http://issuer.example', authAudience: 'x' })).toMatch(/must use https/);
  expect(refusal({ authIssuer: 'issuer.example', authAudience: 'x' })).toMatch(/not a URL/);
  expect(refusal({ authIssuer: 'https://issuer.example/?tenant=1', authAudience: 'x' })).toMatch(
    /no query or fragment/,
  );
  expect(refusal({ authIssuer: 'https://u:p@issuer.example', authAudience: 'x' })).toMatch(/credentials/);
});

test('plain http only on loopback', () => {
  for (const ok of [
    'http://127.0.0.1:4000',
    'http://localhost:4000',
    'http://[::1]:4000',
    'https://issuer.example/tenant',
  ]) {
    expect(issuerUrlProblem(ok)).toBeUndefined();
  }
  for (const bad of [
    'http://10.0.0.1',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'ftp://127.0.0.1',
  ]) {
    expect(issuerUrlProblem(bad)).toMatch(/https/);
  }
});

test('the functions read back exactly what the stack chose', () => {
  const choices: AuthConfig[] = [
    parseAuthConfig({ authIssuer: ENTRA, authAudience: 'api://notes' }),
    parseAuthConfig({ auth: 'none' }),
  ];
  for (const config of choices) expect(authConfigFromEnv(authEnvironment(config))).toEqual(config);
});

test('a function with no or a contradictory setting refuses to start', () => {
  expect(() => authConfigFromEnv({})).toThrow(/Set AUTH_ISSUER and AUTH_AUDIENCE, or AUTH_MODE=none/);
  expect(() => authConfigFromEnv({ [AUTH_SETTINGS.mode]: 'none', [AUTH_SETTINGS.issuer]: ENTRA })).toThrow(
    /choose one/,
  );
  expect(() => authConfigFromEnv({ [AUTH_SETTINGS.mode]: 'off' })).toThrow(/must be "none" or unset/);
  expect(() =>
    authConfigFromEnv({ [AUTH_SETTINGS.issuer]: 'http://issuer.example', [AUTH_SETTINGS.audience]: 'x' }),
  ).toThrow(/https/);
});
