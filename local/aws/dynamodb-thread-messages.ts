import type { DynamoDBRecord } from 'aws-lambda';
import type { JournalEntry } from '../journal';
import type { StreamSource } from './stream-records';

// What local mode's thread and the emulated DynamoDB's thread say to each other (dynamodb-thread.ts,
// dynamodb-thread-entry.ts). Each side asks with an id and the other answers that id.

export interface DynamoDbThreadData {
  /** LevelDB directory; undefined keeps the tables in memory. */
  path: string | undefined;
  /** The endpoint's port (0: any free one). */
  port: number;
  source: StreamSource;
  /** The stream's journal file; undefined keeps it in memory. */
  journal: string | undefined;
}

/**
 * Local mode asks the thread: the store outage of the fault injection, the end, and `settle` (answered
 * after every stream entry the thread sent before it: messages on a port keep their order).
 */
export type ThreadCommand = 'stopStore' | 'startStore' | 'close' | 'settle';

/** An error as it crosses threads; a taken port stays a PortInUseError (main.ts's one-line message). */
export interface ThreadError {
  message: string;
  portInUse?: { port: number; hint: string };
}

export type ToDynamoDbThread =
  | { ask: number; command: ThreadCommand }
  /** Stream entries delivered or dead-lettered: checkpointed in the journal. */
  | { done: number[] };

export type FromDynamoDbThread =
  /** The endpoint's port, and the journal's entries not delivered before the last stop or crash. */
  | { ready: number; recovered: JournalEntry<DynamoDBRecord>[] }
  | { failed: ThreadError }
  /** Committed writes' stream entries, durable in the journal (the writes are answered after), in order. */
  | { entries: JournalEntry<DynamoDBRecord>[] }
  | { answer: number; error?: ThreadError };
