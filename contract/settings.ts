// Settings that every function on both clouds reads (Lambda environment, Function App app settings).

/** "true" makes responses carry what they consumed (handlers/core/consumption.ts; compare's cost model). */
export const REPORT_CONSUMPTION_SETTING = 'REPORT_CONSUMPTION';

/** The function's timeout in seconds; the SDK clients fit their attempts into it (handlers/aws/time-budget.ts). */
export const FUNCTION_TIMEOUT_SETTING = 'FUNCTION_TIMEOUT_SECONDS';

/**
 * Sign-in, the same names on both clouds: the OIDC issuer (exactly its tokens' `iss`) and
 * the audience tokens must name, or AUTH_MODE=none for a trial stack (one anonymous owner).
 * Read by handlers/core/auth/config.ts; set by the stacks and local mode.
 */
export const AUTH_SETTINGS = { issuer: 'AUTH_ISSUER', audience: 'AUTH_AUDIENCE', mode: 'AUTH_MODE' } as const;

/** The value of AUTH_MODE that turns sign-in off. */
export const AUTH_MODE_NONE = 'none';
