// The emulated DynamoDB in a thread of its own: dynalite (validation, expressions, LevelDB) and the
// stream capture proxy in front of it (the app's DynamoDB endpoint, with its HTTP parsing and answers)
// are most of a request's CPU time, so they run on the second core. Local mode's thread keeps the front
// door, the handlers and the delivery journals: each committed write's stream records are sent there,
// and the write is answered only once local mode says they are durable.
// Started by dynamodb-thread.ts (bundled-worker.ts).
import dynalite from 'dynalite';
import { parentPort, workerData } from 'node:worker_threads';
import { outageSwitch } from '../faults';
import { close, listen, PortInUseError } from '../listen';
import type {
  DynamoDbThreadData,
  FromDynamoDbThread,
  ThreadCommand,
  ThreadError,
  ToDynamoDbThread,
} from './dynamodb-thread-messages';
import { createStreamCaptureProxy } from './stream-capture-proxy';

const data = workerData as DynamoDbThreadData;
const port = parentPort!;
const post = (message: FromDynamoDbThread) => port.postMessage(message);

const asked = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let nextAsk = 0;

const dynamo = dynalite({ path: data.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const proxy = createStreamCaptureProxy(
  dynamo,
  data.source,
  (records) =>
    new Promise<void>((resolve, reject) => {
      const ask = nextAsk++;
      asked.set(ask, { resolve, reject });
      post({ ask, records });
    }),
);

function threadError(error: unknown): ThreadError {
  if (error instanceof PortInUseError)
    return { message: error.message, portInUse: { port: error.port, hint: error.hint } };
  return { message: error instanceof Error ? error.message : String(error) };
}

async function run(command: ThreadCommand, outage: ReturnType<typeof outageSwitch>): Promise<void> {
  if (command === 'stopStore') return outage.stop();
  if (command === 'startStore') return outage.start();
  await close(proxy);
  // dynalite closes its LevelDB when its server closes (and only then), which is why it listens.
  await close(dynamo);
}

async function main(): Promise<void> {
  await listen(dynamo, 0);
  const proxyPort = await listen(proxy, data.port, 'the emulated DynamoDB keeps its port for the life of the process');
  const outage = outageSwitch(proxy, proxyPort);
  port.on('message', (message: ToDynamoDbThread) => {
    if ('command' in message) {
      run(message.command, outage).then(
        () => post({ answer: message.ask }),
        (error: unknown) => post({ answer: message.ask, error: threadError(error) }),
      );
      return;
    }
    const waiting = asked.get(message.answer);
    asked.delete(message.answer);
    if (message.error === undefined) waiting?.resolve();
    else waiting?.reject(new Error(message.error.message));
  });
  post({ ready: proxyPort });
}

main().catch((error: unknown) => post({ failed: threadError(error) }));
