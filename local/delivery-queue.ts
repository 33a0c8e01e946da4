import type { DeadLetter } from './dead-letter';
import { backoffMs, defaultRetryPolicy, delay, errorMessage, type RetryPolicy } from './retry-policy';

/**
 * Push delivery of independent events (EventBridge rule target, Event Grid subscription): each event
 * is delivered on its own, retried with backoff, and dead-lettered when the attempts run out.
 */
export class DeliveryQueue<T> {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly source: string,
    private readonly deliver: (item: T) => Promise<void>,
    private readonly deadLetters: DeadLetter<T>[],
    private readonly policy: RetryPolicy = defaultRetryPolicy,
  ) {}

  enqueue(item: T): void {
    const run = this.run(item).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Resolves when every accepted event was delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async run(item: T): Promise<void> {
    if (this.policy.latencyMs) await delay(this.policy.latencyMs);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deliver(item);
        return;
      } catch (error) {
        if (attempt >= this.policy.maxAttempts) {
          this.deadLetters.push({ source: this.source, item, attempts: attempt, error: errorMessage(error), time: new Date().toISOString() });
          return;
        }
        await delay(backoffMs(this.policy, attempt));
      }
    }
  }
}
