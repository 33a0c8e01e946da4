// What each emulated cloud is made of, and how local mode drives it: the same shape for AWS and Azure,
// so start-aws.ts and start-azure.ts only say which emulators stand behind it.
import type { Server } from 'node:http';
import type { CloudFaults, DeliveryFaults } from './faults';
import { close } from './listen';
import type { LocalLogger } from './log';
import type { RetryPolicy } from './retry-policy';

export interface EmulatedCloudOptions {
  port: number;
  /** Where the emulated store keeps its data; undefined keeps everything in memory. */
  dataDir: string | undefined;
  log: LocalLogger;
  retry: RetryPolicy;
}

export interface EmulatedCloud<DeadLetters> {
  url: string;
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
  drain(): Promise<void>;
}

interface Switch {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface EmulatedCloudParts<DeadLetters> {
  port: number;
  deadLetters: DeadLetters;
  front: Server;
  /** The change stream (DynamoDB Streams / the change feed) and the bus delivery, drained in that order. */
  changes: Queue;
  deliveries: Queue;
  /** Emulator cleanups, newest first; the last one closes the front door. */
  cleanups: (() => Promise<void>)[];
  store: Switch;
  bus: Switch;
  faults: DeliveryFaults;
}

export function emulatedCloud<DeadLetters>(parts: EmulatedCloudParts<DeadLetters>): EmulatedCloud<DeadLetters> {
  const { changes, deliveries, cleanups, store, bus, faults } = parts;
  return {
    url: `http://localhost:${parts.port}`,
    deadLetters: parts.deadLetters,
    closeFrontDoor: () => close(parts.front),
    pending: () => changes.pending + deliveries.pending,
    async drainOnce() {
      await changes.drain();
      await deliveries.drain();
    },
    async closeEmulators() {
      for (const cleanup of cleanups.slice(0, -1)) await cleanup();
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
