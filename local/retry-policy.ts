// Bounded retries with exponential backoff. The clouds retry for up to 24 hours; locally we keep the
// same shape (retry, then dead-letter) but bounded so a broken handler shows up in seconds.

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles after each further failure. */
  baseDelayMs: number;
  /** Wait before the first attempt, like a cloud's delivery latency (0 = deliver at once). */
  latencyMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 50, latencyMs: 0 };

export function backoffMs(policy: RetryPolicy, failedAttempts: number): number {
  return policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
