// Repeats a GET until a condition holds or a deadline passes. Only for idempotent reads: this is the one
// place the tool sends a request more than once, and it does so on purpose (events and indexes lag).
import { sleep } from './http-client';
import type { Exchange } from './types';

export const POLL_INTERVAL_MS = 50;

export interface PollResult<T extends Exchange> {
  last: T;
  done: boolean;
  waitedMs: number;
}

export async function pollUntil<T extends Exchange>(
  attempt: () => Promise<T>,
  done: (result: T) => boolean,
  deadlineMs: number,
  intervalMs = POLL_INTERVAL_MS,
): Promise<PollResult<T>> {
  const started = performance.now();
  for (;;) {
    const last = await attempt();
    const waitedMs = performance.now() - started;
    if (done(last)) return { last, done: true, waitedMs };
    // A failed request ends the wait too: it is the answer, not something to wait out.
    if (last.status === undefined || waitedMs + intervalMs > deadlineMs) return { last, done: false, waitedMs };
    await sleep(intervalMs);
  }
}
