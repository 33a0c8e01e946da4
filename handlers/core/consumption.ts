// What one request consumed (store operations, time, memory), reported only when the stack asks for it:
// REPORT_CONSUMPTION=true in the function's environment / app settings. Off, nothing is collected
// (the recorders find no request to record into) and nothing reaches the client. On, each response
// carries one debug header that `compare --cost` reads (docs/ARCHITECTURE.md, "Consumption reporting").
import { AsyncLocalStorage } from 'node:async_hooks';
import { REPORT_CONSUMPTION_SETTING } from '../../contract/settings';
import { startStopwatch } from './stopwatch';

export const CONSUMPTION_HEADER = 'x-consumption';

export type StoreName = 'dynamodb' | 'cosmos';
export type StoreOperationKind = 'read' | 'write' | 'query';

/** One call to a store, as the SDK saw it. */
export interface StoreOperation {
  store: StoreName;
  kind: StoreOperationKind;
  /** Item bytes read or written (for a query, the bytes returned): what the documented rules need. */
  bytes: number;
  /** Capacity units (DynamoDB ConsumedCapacity) or request units (Cosmos x-ms-request-charge) as the
   *  service reported them; absent when it reported none (e.g. a failed conditional write). */
  reportedUnits?: number;
  /** A strongly consistent read (DynamoDB charges eventually consistent reads half). */
  consistent?: boolean;
  /** The call failed (a failed conditional write is still billed on DynamoDB). */
  failed?: boolean;
}

export interface Consumption {
  /** Request start to response, measured in the app (the platform's billed duration is at least this). */
  durationMs: number;
  /** The function's memory when the platform states it (the adapter passes it: handlers/aws/settings.ts), else absent. */
  memoryMb?: number;
  operations: StoreOperation[];
}

const current = new AsyncLocalStorage<StoreOperation[]>();

/** "true" is the only value that turns reporting on. */
export function reportingEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env[REPORT_CONSUMPTION_SETTING] === 'true';
}

/** Records a store call into the request being served; does nothing outside a reported request. */
export function recordStoreOperation(operation: StoreOperation): void {
  current.getStore()?.push(operation);
}

/** True while serving a reported request: recorders skip any extra work (e.g. asking for capacity) otherwise. */
export function isRecording(): boolean {
  return current.getStore() !== undefined;
}

/** Runs one request with a fresh record; `done` gets what it consumed. */
export async function withConsumption<T>(
  run: () => Promise<T>,
  done: (consumption: Consumption) => void,
  memoryMb?: number,
): Promise<T> {
  const operations: StoreOperation[] = [];
  const elapsedMs = startStopwatch();
  try {
    return await current.run(operations, run);
  } finally {
    done({
      durationMs: elapsedMs(),
      ...(memoryMb !== undefined && { memoryMb }),
      operations,
    });
  }
}

/** The header value: compact JSON (ASCII only: every field is a number, a boolean or a fixed word). */
export const encodeConsumption = (consumption: Consumption): string => JSON.stringify(consumption);
