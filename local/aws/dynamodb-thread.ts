import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { bundledWorker } from '../bundled-worker';
import { PortInUseError } from '../listen';
import type {
  DynamoDbThreadData,
  FromDynamoDbThread,
  ThreadCommand,
  ThreadError,
  ToDynamoDbThread,
} from './dynamodb-thread-messages';
import type { StreamSource } from './stream-records';

// Starts the emulated DynamoDB (dynalite behind the stream capture proxy) in a worker thread: the second core.

export interface DynamoDbThreadOptions {
  path: string | undefined;
  port: number;
  source: StreamSource;
  /** Called with each committed write's stream records; the write is answered once this resolves. */
  onRecords: (records: DynamoDBRecord[]) => Promise<void>;
}

export interface DynamoDbThread {
  /** The app's DynamoDB endpoint. */
  port: number;
  /** The endpoint refuses connections and open ones are cut (fault injection); data is kept. */
  stopStore(): Promise<void>;
  startStore(): Promise<void>;
  /** Closes the endpoint and dynalite's LevelDB, then ends the thread. */
  close(): Promise<void>;
}

function toError(error: ThreadError): Error {
  return error.portInUse ? new PortInUseError(error.portInUse.port, error.portInUse.hint) : new Error(error.message);
}

export function startDynamoDbThread(options: DynamoDbThreadOptions): Promise<DynamoDbThread> {
  const workerData: DynamoDbThreadData = { path: options.path, port: options.port, source: options.source };
  const worker = bundledWorker(join(__dirname, 'dynamodb-thread-entry.ts'), workerData);
  const asked = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextAsk = 0;
  let gone: Error | undefined;
  let started: { resolve: (port: number) => void; reject: (error: Error) => void } | undefined;

  const post = (message: ToDynamoDbThread) => worker.postMessage(message);
  const ask = (command: ThreadCommand) =>
    new Promise<void>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextAsk++;
      asked.set(id, { resolve, reject });
      post({ ask: id, command });
    });

  worker.on('message', (message: FromDynamoDbThread) => {
    if ('ready' in message) return started?.resolve(message.ready);
    if ('failed' in message) return started?.reject(toError(message.failed));
    if ('records' in message) {
      options.onRecords(message.records).then(
        () => post({ answer: message.ask }),
        (error: unknown) =>
          post({ answer: message.ask, error: { message: error instanceof Error ? error.message : String(error) } }),
      );
      return;
    }
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

  return new Promise<number>((resolve, reject) => {
    started = { resolve, reject };
  }).then(
    (port) => ({
      port,
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
