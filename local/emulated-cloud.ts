// What each emulated cloud is made of, and how local mode drives it: the same shape for AWS and Azure,
// so start-aws.ts and start-azure.ts only say which emulators stand behind it.
import { join } from 'node:path';
import type { CloudFaults, DeliveryFaults } from './faults';
import type { FrontDoorGate } from './front-door-gate';
import { memoryJournal, openJournal, type Journal } from './journal';
import type { LocalLogger } from './log';
import type { RetryPolicy } from './retry-policy';

export interface EmulatedCloudOptions<Handler> {
  /** The cloud's public port, already listening (answering 503 until the cloud is opened). */
  door: FrontDoorGate<Handler>;
  /** Where the emulated store and the delivery journals keep their data; undefined keeps everything in memory. */
  dataDir: string | undefined;
  log: LocalLogger;
  retry: RetryPolicy;
}

export interface EmulatedCloud<DeadLetters> {
  url: string;
  /** The store is loaded: serve requests and deliver what the journals recovered. */
  open(): void;
  /** What the change stream's publisher and the bus's subscriber gave up on. */
  deadLetters: DeadLetters;
  /** Stops accepting requests and waits for the requests in flight. */
  closeFrontDoor(): Promise<void>;
  /** Changes and events not yet delivered or dead-lettered. */
  pending(): number;
  drainOnce(): Promise<void>;
  closeEmulators(): Promise<void>;
  faults: CloudFaults;
}

interface Queue {
  readonly pending: number;
  resume(): void;
  drain(): Promise<void>;
}

interface Switch {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface EmulatedCloudParts<DeadLetters> {
  door: Pick<FrontDoorGate<unknown>, 'url' | 'close'>;
  deadLetters: DeadLetters;
  /** Hands the door the cloud's api handler: requests reach the app from then on. */
  serve: () => void;
  /** The change stream (DynamoDB Streams / the change feed) and the bus delivery, drained in that order. */
  changes: Queue;
  deliveries: Queue;
  /** Emulator and journal cleanups, newest first. */
  cleanups: (() => Promise<void>)[];
  store: Switch;
  bus: Switch;
  faults: DeliveryFaults;
}

export function emulatedCloud<DeadLetters>(parts: EmulatedCloudParts<DeadLetters>): EmulatedCloud<DeadLetters> {
  const { changes, deliveries, cleanups, store, bus, faults } = parts;
  return {
    url: parts.door.url,
    open() {
      parts.serve();
      changes.resume();
      deliveries.resume();
    },
    deadLetters: parts.deadLetters,
    closeFrontDoor: () => parts.door.close(),
    pending: () => changes.pending + deliveries.pending,
    async drainOnce() {
      await changes.drain();
      await deliveries.drain();
    },
    async closeEmulators() {
      for (const cleanup of cleanups) await cleanup();
    },
    faults: {
      stopStore: () => store.stop(),
      startStore: () => store.start(),
      stopBus: () => bus.stop(),
      startBus: () => bus.start(),
      failSubscriber: (rule) => faults.failSubscriber(rule),
      duplicateDeliveries: (on) => faults.duplicateDeliveries(on),
      counts: () => ({ ...faults.counts }),
    },
  };
}

/** Where a delivery pipe's journal lives under the data directory; undefined in memory. */
export function journalFile(dataDir: string | undefined, pipe: string): string | undefined {
  return dataDir && join(dataDir, 'journal', `${pipe}.jsonl`);
}

/**
 * The journal of one delivery pipe (e.g. "aws.eventbridge"): a file under the data directory, or
 * nothing in memory. Its close joins `cleanups` (run newest first): after whatever is added later.
 */
export function pipeJournal<T>(
  dataDir: string | undefined,
  pipe: string,
  cleanups: (() => Promise<void>)[],
): Journal<T> {
  const file = journalFile(dataDir, pipe);
  const journal = file ? openJournal<T>(file) : memoryJournal<T>();
  cleanups.unshift(() => journal.close());
  return journal;
}
