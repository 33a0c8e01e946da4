import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamSource } from './stream-records';

// What local mode's thread and the emulated DynamoDB's thread say to each other (dynamodb-thread.ts,
// dynamodb-thread-entry.ts). Each side asks with an id and the other answers that id.

export interface DynamoDbThreadData {
  /** LevelDB directory; undefined keeps the tables in memory. */
  path: string | undefined;
  /** The endpoint's port (0: any free one). */
  port: number;
  source: StreamSource;
}

/** Local mode asks the thread: the store outage of the fault injection, and the end. */
export type ThreadCommand = 'stopStore' | 'startStore' | 'close';

/** An error as it crosses threads; a taken port stays a PortInUseError (main.ts's one-line message). */
export interface ThreadError {
  message: string;
  portInUse?: { port: number; hint: string };
}

export type ToDynamoDbThread = { ask: number; command: ThreadCommand } | { answer: number; error?: ThreadError };

export type FromDynamoDbThread =
  | { ready: number }
  | { failed: ThreadError }
  /** Committed writes' stream records: the write is answered once local mode says they are durable. */
  | { ask: number; records: DynamoDBRecord[] }
  | { answer: number; error?: ThreadError };
