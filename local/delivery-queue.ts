import type { DeadLetter } from './dead-letter';
import { memoryJournal, type Journal, type JournalEntry } from './journal';
import { backoffMs, defaultRetryPolicy, delay, errorMessage, type RetryPolicy } from './retry-policy';

/**
 * Push delivery of independent events (EventBridge rule target, Event Grid subscription): each event
 * is delivered on its own, retried with backoff, and dead-lettered when the attempts run out.
 * Accepted events are kept in a journal (on disk unless in memory) until delivered or dead-lettered,
 * so after a crash `resume()` delivers them again (the buses deliver at least once).
 */
export class DeliveryQueue<T> {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly source: string,
    private readonly deliver: (item: T) => Promise<void>,
    private readonly deadLetters: DeadLetter<T>[],
    private readonly policy: RetryPolicy = defaultRetryPolicy,
    private readonly journal: Journal<T> = memoryJournal(),
  ) {}

  /** Resolves once the events are durable: only then may the bus answer that it accepted them. */
  enqueue(...items: T[]): Promise<void> {
    const accepted = this.journal.append(items).then((entries) => {
      for (const entry of entries) this.track(this.run(entry));
    });
    this.track(accepted.catch(() => undefined));
    return accepted;
  }

  /** Starts delivering what the journal recovered (once the subscriber can be reached). */
  resume(): void {
    for (const entry of this.journal.recovered) this.track(this.run(entry));
  }

  /** Resolves when every accepted event was delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async run({ seq, item }: JournalEntry<T>): Promise<void> {
    if (this.policy.latencyMs) await delay(this.policy.latencyMs);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deliver(item);
        break;
      } catch (error) {
        if (attempt >= this.policy.maxAttempts) {
          this.deadLetters.push({
            source: this.source,
            item,
            attempts: attempt,
            error: errorMessage(error),
            time: new Date().toISOString(),
          });
          break;
        }
        await delay(backoffMs(this.policy, attempt));
      }
    }
    this.journal.done([seq]);
  }
}
