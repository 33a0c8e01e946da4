// How long a store or bus call may take, derived from the function's own timeout: the SDK's
// attempts, each attempt's timeout and the retry delays together end before Lambda would kill
// the function, so a store that stops answering becomes the contract's 503 + Retry-After
// (store-errors.ts) instead of API Gateway's bare 5xx. No SDK import: the clients apply it (clients.ts, eventbridge-client.ts).

/** The stack's default function timeout (program/config.ts imports it), assumed when the timeout setting is unset (settings.ts). */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 10;

export interface SdkTimeBudget {
  /** The longest one SDK call (every attempt and every retry delay) may take. */
  callBudgetMs: number;
  /** SDK maxAttempts: fewer when the budget cannot hold three useful attempts. */
  maxAttempts: number;
  /** @smithy/node-http-handler requestTimeout: a timer on the whole attempt, from its start. */
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
}

/**
 * Leaves the function a fifth of its time (at most a second) to turn the failure into a 503 and log
 * it, and splits the rest between the attempts. The SDK's retry delays (full jitter, up to 20 s, and
 * longer with a Retry-After hint: @smithy/core StandardRetryStrategy) cannot be bounded by
 * configuration alone, so callBudgetMs is enforced around each call too (withinBudget below).
 */
export function sdkTimeBudget(functionTimeoutSeconds: number): SdkTimeBudget {
  if (!Number.isFinite(functionTimeoutSeconds) || functionTimeoutSeconds <= 0) {
    throw new Error(`the function timeout must be a positive number of seconds, got ${functionTimeoutSeconds}`);
  }
  const functionMs = functionTimeoutSeconds * 1000;
  const callBudgetMs = Math.floor(functionMs - Math.min(1000, functionMs / 5));
  const maxAttempts = callBudgetMs >= 3000 ? 3 : callBudgetMs >= 1500 ? 2 : 1;
  const requestTimeoutMs = Math.floor(callBudgetMs / maxAttempts);
  return { callBudgetMs, maxAttempts, requestTimeoutMs, connectionTimeoutMs: Math.min(1000, requestTimeoutMs) };
}

/** The error a call that outlived its budget ends with; its name is one store-errors.ts counts as an outage. */
export class CallBudgetExceededError extends Error {
  constructor(budgetMs: number) {
    super(`no answer within ${budgetMs} ms, the share of the function's timeout a store call may use`);
    this.name = 'TimeoutError';
  }
}

/** The call's own result, or CallBudgetExceededError once budgetMs has passed. */
export function withinBudget<T>(call: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallBudgetExceededError(budgetMs)), budgetMs);
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

/** Client settings that end every call within the function's time (the clients' config; see clients.ts). */
export interface BudgetedClientConfig {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
}

export function budgetedClientConfig(functionTimeoutSeconds: number): BudgetedClientConfig {
  const budget = sdkTimeBudget(functionTimeoutSeconds);
  return {
    maxAttempts: budget.maxAttempts,
    requestHandler: {
      connectionTimeout: budget.connectionTimeoutMs,
      requestTimeout: budget.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

/** An SDK initialize-step middleware that ends each call (all attempts and retry delays) within the call budget. */
export function callBudgetMiddleware(functionTimeoutSeconds: number) {
  const { callBudgetMs } = sdkTimeBudget(functionTimeoutSeconds);
  return <A, R>(next: (args: A) => Promise<R>) =>
    (args: A): Promise<R> =>
      withinBudget(next(args), callBudgetMs);
}

export const callBudgetMiddlewareOptions = { step: 'initialize', name: 'functionTimeBudget' } as const;
