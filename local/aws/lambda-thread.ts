import { join } from 'node:path';
import type { LogSink } from '../../handlers/core/log';
import { bundledWorker } from '../bundled-worker';
import type { FromLambdaThread, ToLambdaThread } from './lambda-thread-messages';

export interface LambdaThread {
  /** Runs one function with one event; rejects with the function's error, as a failed invocation. */
  invoke(name: ToLambdaThread['name'], event: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Starts the publisher and subscriber Lambdas in a worker thread, with the environment set so far.
 * Their log lines come back to `log` (local mode's sink); without one they are not built at all.
 */
export function startLambdaThread(log?: LogSink): LambdaThread {
  const worker = bundledWorker(join(__dirname, 'lambda-thread-entry.ts'), { forwardLogs: log !== undefined });
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let gone: Error | undefined;
  const end = (error: Error) => {
    gone ??= error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('message', (message: FromLambdaThread) => {
    if ('log' in message) return log?.(message.log);
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if ('error' in message)
      pending?.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
    else pending?.resolve(message.result);
  });
  worker.on('error', end);
  worker.on('exit', (code) => end(new Error(`the Lambda thread exited (${code})`)));
  return {
    invoke: (name, event) =>
      new Promise((resolve, reject) => {
        if (gone) return reject(gone);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, name, event } satisfies ToLambdaThread);
      }),
    async close() {
      if (gone) return;
      await worker.terminate();
    },
  };
}
