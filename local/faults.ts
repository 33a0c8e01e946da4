import type { Server } from 'node:http';
import { close, listen } from './listen';

// Test hooks for fault injection (startLocal().faults). Unused, they change nothing: the counters only
// count, and every emulator keeps listening as before.

export type Cloud = 'aws' | 'azure';

/** The next n subscriber invocations fail, or every invocation whose event matches. 0 stops failing. */
export type FailureRule = number | ((event: unknown) => boolean);

export interface DeliveryCounts {
  /** Records the stream / change feed captured from committed writes to the notes store. */
  changes: number;
  /** Batches handed to the publisher function, and how many of them failed (in whole or in part). */
  publisherAttempts: number;
  publisherFailures: number;
  /** Events the bus accepted for the subscriber (a duplicated delivery counts once here). */
  busEvents: number;
  /** Subscriber invocations, failures injected by failSubscriber, and invocations that succeeded. */
  subscriberAttempts: number;
  subscriberFailuresInjected: number;
  subscriberSucceeded: number;
}

export interface CloudFaults {
  /** The store stops answering: its endpoint refuses connections, open ones are cut. Data is kept. */
  stopStore(): Promise<void>;
  startStore(): Promise<void>;
  /** The event bus / topic the publisher sends to refuses connections. */
  stopBus(): Promise<void>;
  startBus(): Promise<void>;
  failSubscriber(rule: FailureRule): void;
  /** The bus delivers each event twice (at-least-once delivery, as both clouds allow). */
  duplicateDeliveries(on: boolean): void;
  counts(): DeliveryCounts;
}

export class InjectedFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InjectedFault';
  }
}

/** An emulator that can go down and come back on the same port (the SDK clients keep their endpoint). */
export function outageSwitch(server: Server, port: number): { stop(): Promise<void>; start(): Promise<void> } {
  return {
    async stop() {
      const closing = close(server);
      server.closeAllConnections(); // a real outage does not let open requests finish
      await closing;
    },
    async start() {
      if (!server.listening) await listen(server, port, 'the port was taken while the emulator was down');
    },
  };
}

/** Counts deliveries and injects the failures and duplicates a test asks for. */
export class DeliveryFaults {
  private rule: FailureRule = 0;
  private duplicates = false;
  readonly counts: DeliveryCounts = {
    changes: 0,
    publisherAttempts: 0,
    publisherFailures: 0,
    busEvents: 0,
    subscriberAttempts: 0,
    subscriberFailuresInjected: 0,
    subscriberSucceeded: 0,
  };

  failSubscriber(rule: FailureRule): void {
    if (typeof rule === 'number' && (!Number.isInteger(rule) || rule < 0))
      throw new RangeError(`failSubscriber needs a count >= 0 or a predicate, not ${rule}`);
    this.rule = rule;
  }

  duplicateDeliveries(on: boolean): void {
    this.duplicates = on;
  }

  /** How many times the bus hands this event to its target. */
  copies(): number {
    this.counts.busEvents += 1;
    return this.duplicates ? 2 : 1;
  }

  changes(n: number): void {
    this.counts.changes += n;
  }

  publisher<B, R>(publish: (batch: B) => Promise<R>, failed: (result: R) => boolean): (batch: B) => Promise<R> {
    return async (batch) => {
      this.counts.publisherAttempts += 1;
      try {
        const result = await publish(batch);
        if (failed(result)) this.counts.publisherFailures += 1;
        return result;
      } catch (error) {
        this.counts.publisherFailures += 1;
        throw error;
      }
    };
  }

  subscriber<E>(deliver: (event: E) => Promise<void>): (event: E) => Promise<void> {
    return async (event) => {
      this.counts.subscriberAttempts += 1;
      if (this.shouldFail(event)) {
        this.counts.subscriberFailuresInjected += 1;
        throw new InjectedFault('injected subscriber failure');
      }
      await deliver(event);
      this.counts.subscriberSucceeded += 1;
    };
  }

  private shouldFail(event: unknown): boolean {
    if (typeof this.rule === 'function') return this.rule(event);
    if (this.rule === 0) return false;
    this.rule -= 1;
    return true;
  }
}
