// Local mode's OIDC issuer: its fixed settings, written once.

/** The audience local mode's functions expect and the local issuer's tokens name by default. */
export const LOCAL_AUDIENCE = 'serverless-aws-azure-local';

/** How long a minted token is valid: long enough for a session of trying the API by hand. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 60 * 60;

/** The local issuer signs with ES256: one of the pinned algorithms, and its keys generate instantly. */
export const LOCAL_SIGNING_ALG = 'ES256';

/** User names the token endpoint and `npm run token` accept (they become `sub`). */
export const USER_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const USER_NAME_RULE = '1 to 64 letters, digits, ".", "_" or "-"';

/** Paths the issuer serves. */
export const ISSUER_PATHS = {
  discovery: '/.well-known/openid-configuration',
  jwks: '/jwks',
  token: '/token',
} as const;

/** Local mode's sign-in: its own issuer (the default), or none (one anonymous owner, a trial run). */
export const LOCAL_AUTH_MODES = ['oidc', 'none'] as const;
export type LocalAuth = (typeof LOCAL_AUTH_MODES)[number];
