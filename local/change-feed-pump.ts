import type { DeadLetter } from './dead-letter';
import { backoffMs, defaultRetryPolicy, delay, errorMessage, type RetryPolicy } from './retry-policy';

/**
 * Delivers an ordered change log in batches, one batch at a time, like the DynamoDB Streams poller and
 * the Cosmos change feed trigger. `deliver` resolves with the index of the first record that failed
 * (DynamoDB's batchItemFailures) or undefined when all succeeded; a throw fails the whole batch.
 * Delivery resumes from the first failed record; after `maxAttempts` the rest of that batch is
 * dead-lettered (like a Lambda on-failure destination) and the log moves on.
 */
export class ChangeFeedPump<R> {
  private readonly log: R[] = [];
  private running: Promise<void> | undefined;
  private attempts = 0;

  constructor(
    private readonly source: string,
    private readonly deliver: (batch: R[]) => Promise<number | undefined>,
    private readonly deadLetters: DeadLetter<R[]>[],
    private readonly batchSize = 100,
    private readonly policy: RetryPolicy = defaultRetryPolicy,
  ) {}

  append(...records: R[]): void {
    this.log.push(...records);
    this.running ??= this.pump().finally(() => {
      this.running = undefined;
      // A record appended while the last batch was finishing still needs a pump.
      if (this.log.length > 0) this.append();
    });
  }

  get pending(): number {
    return this.log.length;
  }

  /** Resolves when every appended record was delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pump(): Promise<void> {
    while (this.log.length > 0) {
      if (this.policy.latencyMs) await delay(this.policy.latencyMs);
      const batch = this.log.slice(0, this.batchSize);
      let failedAt: number | undefined;
      let error = 'batch item failure';
      try {
        failedAt = await this.deliver(batch);
      } catch (thrown) {
        failedAt = 0;
        error = errorMessage(thrown);
      }
      if (failedAt === undefined || failedAt >= batch.length) {
        this.log.splice(0, batch.length);
        this.attempts = 0;
        continue;
      }
      // Everything before the first failure is done: checkpoint it, retry from there.
      this.log.splice(0, Math.max(0, failedAt));
      this.attempts += 1;
      if (this.attempts >= this.policy.maxAttempts) {
        const rest = this.log.splice(0, batch.length - Math.max(0, failedAt));
        this.deadLetters.push({ source: this.source, item: rest, attempts: this.attempts, error, time: new Date().toISOString() });
        this.attempts = 0;
        continue;
      }
      await delay(backoffMs(this.policy, this.attempts));
    }
  }
}
