import type { Logger, ServedBy } from '../handlers/core/log';
import { silentLogger, type LocalLogger } from './log';

const discard: Logger = { request: () => {}, error: () => {} };

/**
 * The app's request logger writing to local mode's log sink instead of the console, so that
 * `startLocal({ log })` decides where the handlers' request lines go (silentLogger in tests).
 */
export function appLogger(cloud: ServedBy, log: LocalLogger): Logger {
  // A silent sink: skip building a line per request that nobody reads.
  if (log === silentLogger) return discard;
  return {
    request: (entry) => log({ level: 'info', cloud, ...entry }),
    error: (error, entry) =>
      log({
        level: 'error',
        cloud,
        ...entry,
        ...(error instanceof Error ? { errorName: error.name, errorMessage: error.message, stack: error.stack } : { errorMessage: String(error) }),
      }),
  };
}
