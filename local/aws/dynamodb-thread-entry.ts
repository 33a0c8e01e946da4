// The emulated DynamoDB in a thread of its own: dynalite (validation, expressions, LevelDB), the
// stream capture proxy in front of it (the app's DynamoDB endpoint, with its HTTP parsing and answers)
// and the stream's journal are most of a write's CPU time, so they run on the second core. A committed
// write's stream records are appended to the journal here, and the write is answered once they are
// durable; the durable entries are then sent to local mode's thread, which delivers them to the
// publisher and sends back which are done. Keeping the journal here spares every write two thread
// hops (records there, "durable" back) and local mode's thread the journal's I/O.
// Started by dynamodb-thread.ts (bundled-worker.ts).
import type { DynamoDBRecord } from 'aws-lambda';
import dynalite from 'dynalite';
import { parentPort, workerData } from 'node:worker_threads';
import { outageSwitch } from '../faults';
import { memoryJournal, openJournal } from '../journal';
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

function threadError(error: unknown): ThreadError {
  if (error instanceof PortInUseError)
    return { message: error.message, portInUse: { port: error.port, hint: error.hint } };
  return { message: error instanceof Error ? error.message : String(error) };
}

async function main(): Promise<void> {
  const journal = data.journal ? openJournal<DynamoDBRecord>(data.journal) : memoryJournal<DynamoDBRecord>();
  const dynamo = dynalite({ path: data.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Appends resolve in journal order, so the entries leave in that order (per item, the stream's order).
  const proxy = createStreamCaptureProxy(dynamo, data.source, async (records) => {
    const entries = await journal.append(records);
    post({ entries });
  });
  const run = async (command: ThreadCommand): Promise<void> => {
    if (command === 'settle') return;
    if (command === 'stopStore') return outage.stop();
    if (command === 'startStore') return outage.start();
    await close(proxy);
    // dynalite closes its LevelDB when its server closes (and only then), which is why it listens.
    await close(dynamo);
    await journal.close();
  };
  await listen(dynamo, 0);
  const proxyPort = await listen(proxy, data.port, 'the emulated DynamoDB keeps its port for the life of the process');
  const outage = outageSwitch(proxy, proxyPort);
  port.on('message', (message: ToDynamoDbThread) => {
    if ('done' in message) return journal.done(message.done);
    run(message.command).then(
      () => post({ answer: message.ask }),
      (error: unknown) => post({ answer: message.ask, error: threadError(error) }),
    );
  });
  post({ ready: proxyPort, recovered: [...journal.recovered] });
}

main().catch((error: unknown) => post({ failed: threadError(error) }));
