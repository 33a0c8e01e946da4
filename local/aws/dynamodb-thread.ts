import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { bundledWorker } from '../bundled-worker';
import type { Journal, JournalEntry } from '../journal';
import { PortInUseError } from '../listen';
import type {
  DynamoDbThreadData,
  FromDynamoDbThread,
  ThreadCommand,
  ThreadError,
  ToDynamoDbThread,
} from './dynamodb-thread-messages';
import type { StreamSource } from './stream-records';

// Starts the emulated DynamoDB (dynalite behind the stream capture proxy, with the stream's journal)
// in a worker thread: the second core.

export interface DynamoDbThreadOptions {
  path: string | undefined;
  port: number;
  source: StreamSource;
  /** The stream's journal file (kept by the thread); undefined keeps it in memory. */
  journal: string | undefined;
  /** Each committed write's stream entries, once durable (the write is answered after), in order. */
  onEntries: (entries: JournalEntry<DynamoDBRecord>[]) => void;
}

export interface DynamoDbThread {
  /** The app's DynamoDB endpoint. */
  port: number;
  /**
   * The stream's journal as its delivery sees it: what was recovered, and checkpoints (`done`) sent to the
   * thread. Appends are the thread's own (each committed write's), so `append` here refuses.
   */
  journal: Journal<DynamoDBRecord>;
  /** Resolves once every entry of a write answered so far has reached `onEntries`. */
  settle(): Promise<void>;
  /** The endpoint refuses connections and open ones are cut (fault injection); data is kept. */
  stopStore(): Promise<void>;
  startStore(): Promise<void>;
  /** Closes the endpoint, dynalite's LevelDB and the journal, then ends the thread. */
  close(): Promise<void>;
}

function toError(error: ThreadError): Error {
  return error.portInUse ? new PortInUseError(error.portInUse.port, error.portInUse.hint) : new Error(error.message);
}

export function startDynamoDbThread(options: DynamoDbThreadOptions): Promise<DynamoDbThread> {
  const workerData: DynamoDbThreadData = {
    path: options.path,
    port: options.port,
    source: options.source,
    journal: options.journal,
  };
  const worker = bundledWorker(join(__dirname, 'dynamodb-thread-entry.ts'), workerData);
  const asked = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextAsk = 0;
  let gone: Error | undefined;
  let started:
    | {
        resolve: (ready: { port: number; recovered: JournalEntry<DynamoDBRecord>[] }) => void;
        reject: (error: Error) => void;
      }
    | undefined;

  const post = (message: ToDynamoDbThread) => worker.postMessage(message);
  const ask = (command: ThreadCommand) =>
    new Promise<void>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextAsk++;
      asked.set(id, { resolve, reject });
      post({ ask: id, command });
    });

  worker.on('message', (message: FromDynamoDbThread) => {
    if ('ready' in message) return started?.resolve({ port: message.ready, recovered: message.recovered });
    if ('failed' in message) return started?.reject(toError(message.failed));
    if ('entries' in message) return options.onEntries(message.entries);
    const waiting = asked.get(message.answer);
    asked.delete(message.answer);
    if (message.error === undefined) waiting?.resolve();
    else waiting?.reject(toError(message.error));
  });
  const end = (error: Error) => {
    gone ??= error;
    for (const waiting of asked.values()) waiting.reject(error);
    asked.clear();
    started?.reject(error);
  };
  worker.on('error', end);
  worker.on('exit', (code) => end(new Error(`the emulated DynamoDB's thread exited (${code})`)));

  return new Promise<{ port: number; recovered: JournalEntry<DynamoDBRecord>[] }>((resolve, reject) => {
    started = { resolve, reject };
  }).then(
    ({ port, recovered }) => ({
      port,
      journal: {
        recovered,
        append: () => Promise.reject(new Error("the stream's journal is appended in the emulated DynamoDB's thread")),
        // A checkpoint lost with the thread only means one more delivery (at least once).
        done: (seqs) => {
          if (!gone && seqs.length > 0) post({ done: [...seqs] });
        },
        // The thread closes the file (close(), below), after the checkpoints sent before.
        close: async () => undefined,
      },
      settle: () => ask('settle'),
      stopStore: () => ask('stopStore'),
      startStore: () => ask('startStore'),
      async close() {
        if (gone) return;
        await ask('close');
        await worker.terminate();
      },
    }),
    async (error: Error) => {
      await worker.terminate();
      throw error;
    },
  );
}
