// The stream's and the bus's Lambdas (publisher, subscriber) in a thread of their own: their SDK calls
// (PutEvents, the activity PutItem: serialising, signing, HTTP) would otherwise share local mode's thread
// with the front door. Bundled by lambda-thread.ts; the environment is the one local mode set up.
import { parentPort, workerData } from 'node:worker_threads';
import { createAwsPublisherEntry } from '../../handlers/aws/publisher';
import { createAwsSubscriberEntry } from '../../handlers/aws/subscriber';
import { createLogger, silentSink, type LogSink } from '../../handlers/core/log';
import type { FromLambdaThread, ToLambdaThread } from './lambda-thread-messages';

const port = parentPort!;
// The lines go to local mode's sink on the main thread, as the in-process functions' lines do.
const forward: LogSink = (line) => port.postMessage({ log: line } satisfies FromLambdaThread);
const log = createLogger('local-aws', (workerData as { forwardLogs: boolean }).forwardLogs ? forward : silentSink);
const functions = {
  publisher: createAwsPublisherEntry({ log }),
  subscriber: createAwsSubscriberEntry({ log }),
} as Record<ToLambdaThread['name'], (event: never) => Promise<unknown>>;

port.on('message', (message: ToLambdaThread) => {
  functions[message.name](message.event as never).then(
    (result) => port.postMessage({ id: message.id, result } satisfies FromLambdaThread),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) },
      } satisfies FromLambdaThread),
  );
});
