// The stream's and the bus's Lambdas (publisher, subscriber) in a thread of their own: their SDK calls
// (PutEvents, the activity PutItem: serialising, signing, HTTP) would otherwise share local mode's thread
// with the front door. Bundled by lambda-thread.ts; the environment is the one local mode set up.
import { parentPort } from 'node:worker_threads';
import { handler as publisher } from '../../handlers/aws/publisher';
import { handler as subscriber } from '../../handlers/aws/subscriber';
import type { FromLambdaThread, ToLambdaThread } from './lambda-thread-messages';

const functions = { publisher, subscriber } as Record<ToLambdaThread['name'], (event: never) => Promise<unknown>>;
const port = parentPort!;

port.on('message', (message: ToLambdaThread) => {
  functions[message.name](message.event as never).then(
    (result) => port.postMessage({ id: message.id, result } satisfies FromLambdaThread),
    (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } } satisfies FromLambdaThread),
  );
});
