import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
import type { LocalLogger } from '../log';

/** An InvocationContext whose context.log/warn/error become JSON log lines. */
export function invocationContext(functionName: string, log: LocalLogger, retryCount = 0): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    retryContext: { retryCount, maxRetryCount: 0 },
    logHandler: (level, ...args) =>
      log({ cloud: 'local-azure', function: functionName, level, message: args.map(String).join(' ') }),
  });
}
