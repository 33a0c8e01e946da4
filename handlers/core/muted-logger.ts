// A logger that can be silenced for a while: the init-phase warm-up call is not a request anyone made,
// so it must not show up as one in the logs.
import type { Logger } from './log';

export interface MutableLogger extends Logger {
  /** Runs `work` with request lines dropped (error lines still go through: an error at warm-up is real). */
  muted<T>(work: () => Promise<T>): Promise<T>;
}

export function mutableLogger(log: Logger): MutableLogger {
  let silent = false;
  return {
    request: (entry) => {
      if (!silent) log.request(entry);
    },
    error: (error, entry) => log.error(error, entry),
    info: (message, fields) => {
      if (!silent) log.info(message, fields);
    },
    async muted(work) {
      silent = true;
      try {
        return await work();
      } finally {
        silent = false;
      }
    },
  };
}
