// The names compare's sign-in uses, written once (no imports: options.ts reads them for --help).

/** A token for user A from the issuer the stack trusts (any OIDC issuer: Entra ID, Cognito, a local one). */
export const COMPARE_TOKEN_SETTING = 'COMPARE_TOKEN';
/** A token for user B, another user of the same issuer. */
export const COMPARE_TOKEN_B_SETTING = 'COMPARE_TOKEN_B';

export const SIGN_IN_USERS = ['a', 'b'] as const;
export type SignInUser = (typeof SIGN_IN_USERS)[number];

/** The variable that carries each user's token. */
export const TOKEN_SETTINGS: Record<SignInUser, string> = { a: COMPARE_TOKEN_SETTING, b: COMPARE_TOKEN_B_SETTING };

/** The users compare signs in as when it asks a running local mode's issuer itself. */
export const COMPARE_LOCAL_USERS: Record<SignInUser, string> = { a: 'compare-a', b: 'compare-b' };
