// The Logger's default sink on Azure's event functions: the invocation context, so the Functions host
// files each JSON line under its invocation in Application Insights (context.log/context.error:
// learn.microsoft.com/azure/azure-functions/functions-reference-node, "Logging").
import type { InvocationContext } from '@azure/functions';
import { createLogger, type Logger } from '../core/log';

export function invocationLogger(context: InvocationContext): Logger {
  return createLogger('azure', (line) =>
    line.level === 'error' ? context.error(JSON.stringify(line)) : context.log(JSON.stringify(line)),
  );
}
