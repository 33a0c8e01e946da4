// What every entry reads from its environment, and the SDK settings both clients share.
// No SDK import here: the SDK is external to the bundles, so each entry loads only the clients it uses.
import { DEFAULT_FUNCTION_TIMEOUT_SECONDS, sdkTimeBudget, withinBudget } from './time-budget';

/** The function's timeout in seconds, set by the stack (aws/stack.ts) from the same value as the Lambda timeout. */
export const FUNCTION_TIMEOUT_ENV = 'FUNCTION_TIMEOUT_SECONDS';

/** A configuration value the handler cannot work without. */
export function requiredEnv(name: 'NOTES_TABLE' | 'ACTIVITY_TABLE' | 'EVENT_BUS_NAME'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the function's environment must name it`);
  return value;
}

/** Unset (local mode, tests) means the stack's default; anything else must be a positive number. */
export function functionTimeoutSeconds(): number {
  const raw = process.env[FUNCTION_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`${FUNCTION_TIMEOUT_ENV} must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  return seconds;
}

/** Client settings that end every call within the function's time (see time-budget.ts). */
export interface BudgetedClientConfig {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
}

export function budgetedClientConfig(seconds = functionTimeoutSeconds()): BudgetedClientConfig {
  const budget = sdkTimeBudget(seconds);
  return {
    maxAttempts: budget.maxAttempts,
    requestHandler: { connectionTimeout: budget.connectionTimeoutMs, requestTimeout: budget.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

/** An SDK initialize-step middleware that ends each call (all attempts and retry delays) within the call budget. */
export function callBudgetMiddleware(seconds = functionTimeoutSeconds()) {
  const { callBudgetMs } = sdkTimeBudget(seconds);
  return <A, R>(next: (args: A) => Promise<R>) =>
    (args: A): Promise<R> =>
      withinBudget(next(args), callBudgetMs);
}

export const callBudgetMiddlewareOptions = { step: 'initialize', name: 'functionTimeBudget' } as const;
