import type { DeadLetter } from './dead-letter';
import { memoryJournal, type Journal, type JournalEntry } from './journal';
import { backoffMs, defaultRetryPolicy, delay, errorMessage, type RetryPolicy } from './retry-policy';

/**
 * Delivers an ordered change log in batches, one batch at a time, like the DynamoDB Streams poller and
 * the Cosmos change feed trigger. `deliver` resolves with the index of the first record that failed
 * (DynamoDB's batchItemFailures) or undefined when all succeeded; a throw fails the whole batch.
 * Delivery resumes from the first failed record; after `maxAttempts` the rest of that batch is
 * dead-lettered (like a Lambda on-failure destination) and the log moves on.
 *
 * The log lives in a journal (on disk unless in memory): `append` resolves once the records are
 * durable, and delivered records are checkpointed there, so after a crash `resume()` delivers every
 * record not yet checkpointed again, first and in order (at least once, in order per item).
 */
export class ChangeFeedPump<R> {
  private readonly log: JournalEntry<R>[] = [];
  private readonly accepting = new Set<Promise<void>>();
  private running: Promise<void> | undefined;
  private attempts = 0;

  constructor(
    private readonly source: string,
    private readonly deliver: (batch: R[]) => Promise<number | undefined>,
    private readonly deadLetters: DeadLetter<R[]>[],
    private readonly batchSize = 100,
    private readonly policy: RetryPolicy = defaultRetryPolicy,
    private readonly journal: Journal<R> = memoryJournal(),
  ) {
    this.log.push(...journal.recovered);
  }

  /** Resolves once the records are durable; they are delivered after every record appended before. */
  append(...records: R[]): Promise<void> {
    const accepted = this.journal.append(records).then((entries) => {
      this.log.push(...entries);
      this.pumpSoon();
    });
    const tracked = accepted.finally(() => this.accepting.delete(tracked));
    this.accepting.add(tracked);
    return accepted;
  }

  /**
   * Takes entries already durable in this pump's journal, appended elsewhere (the emulated DynamoDB's
   * thread keeps the stream's journal); they are delivered after every entry taken before.
   */
  accept(entries: readonly JournalEntry<R>[]): void {
    this.log.push(...entries);
    this.pumpSoon();
  }

  /** Starts delivering what the journal recovered (once the subscriber can be reached). */
  resume(): void {
    if (this.log.length > 0) this.pumpSoon();
  }

  get pending(): number {
    return this.log.length + this.accepting.size;
  }

  /** Resolves when every appended record was delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.running || this.accepting.size > 0) {
      await Promise.allSettled([...this.accepting]);
      if (this.running) await this.running;
    }
  }

  private pumpSoon(): void {
    this.running ??= this.pump().finally(() => {
      this.running = undefined;
      // A record appended while the last batch was finishing still needs a pump.
      if (this.log.length > 0) this.pumpSoon();
    });
  }

  /** Takes `n` records off the log and checkpoints them in the journal. */
  private checkpoint(n: number): JournalEntry<R>[] {
    const done = this.log.splice(0, n);
    this.journal.done(done.map((entry) => entry.seq));
    return done;
  }

  private async pump(): Promise<void> {
    let retrying = false;
    while (this.log.length > 0) {
      // The poll interval before a fresh batch; a retry has already waited its backoff.
      if (this.policy.latencyMs && !retrying) await delay(this.policy.latencyMs);
      retrying = false;
      const batch = this.log.slice(0, this.batchSize).map((entry) => entry.item);
      let failedAt: number | undefined;
      let error = 'batch item failure';
      try {
        failedAt = await this.deliver(batch);
      } catch (thrown) {
        failedAt = 0;
        error = errorMessage(thrown);
      }
      if (failedAt === undefined || failedAt >= batch.length) {
        this.checkpoint(batch.length);
        this.attempts = 0;
        continue;
      }
      // Everything before the first failure is done: checkpoint it, retry from there.
      this.checkpoint(Math.max(0, failedAt));
      this.attempts += 1;
      if (this.attempts >= this.policy.maxAttempts) {
        const rest = this.checkpoint(batch.length - Math.max(0, failedAt)).map((entry) => entry.item);
        this.deadLetters.push({
          source: this.source,
          item: rest,
          attempts: this.attempts,
          error,
          time: new Date().toISOString(),
        });
        this.attempts = 0;
        continue;
      }
      await delay(backoffMs(this.policy, this.attempts));
      retrying = true;
    }
  }
}
