// Local mode's log sinks: where its lines go (one JSON object per line on stdout, the local counterpart
// of CloudWatch / Application Insights). The functions' lines are shaped by the one Logger
// (handlers/core/log.ts), which local mode builds over these sinks.
import { type LogSink, silentSink } from '../handlers/core/log';

export type LocalLogger = LogSink;

export const stdoutLogger: LocalLogger = (line) => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

/** The Logger recognises this sink and builds no line at all (tests, benches). */
export const silentLogger: LocalLogger = silentSink;
