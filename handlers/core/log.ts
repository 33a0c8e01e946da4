// The one logger of every entry (api, publisher, subscriber on both clouds) and of local mode's app
// logging: one JSON object per line, the same keys on every cloud, so one log query reads them all.
// Powertools' Logger is the model: the entry decides where lines go (the sink), never their shape.
import type { ServedBy } from '../../contract/served-by';

/** The route of a request no route matched, or that was refused before routing. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface RequestLogEntry {
  method: string;
  /** The matched route pattern, e.g. /api/notes/:id, so ids do not explode log cardinality. */
  route: string;
  status: number;
  durationMs: number;
  /** Why the request was refused (the problem's detail), on every 4xx and 5xx answer. */
  reason?: string;
}

/** Where an unexpected error happened: in a request (its method and route), or in an event entry (what it was doing). */
export type ErrorContext = Pick<RequestLogEntry, 'method' | 'route'> | { message: string };

/**
 * Where lines go: the console in the clouds, the invocation context on Azure's event functions, local
 * mode's sink locally. The Logger's lines have `level` ("info" | "error") and `cloud` first.
 */
export type LogSink = (line: Record<string, unknown>) => void;

/** stdout for info, stderr for errors: what CloudWatch and Application Insights collect. */
export const consoleSink: LogSink = (line) =>
  (line.level === 'error' ? console.error : console.log)(JSON.stringify(line));

/** Discards everything; a logger over it skips building lines at all. */
export const silentSink: LogSink = () => {};

export interface Logger {
  /** One line per answered request. */
  request(entry: RequestLogEntry): void;
  /** An unexpected error, with its stack (never sent to a client). */
  error(error: unknown, context: ErrorContext): void;
  /** What an event entry did (published, recorded), with its figures. */
  info(message: string, fields?: Record<string, string | number | boolean>): void;
}

function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorMessage: String(error) };
}

const discard: Logger = { request: () => {}, error: () => {}, info: () => {} };

export function createLogger(cloud: ServedBy, sink: LogSink = consoleSink): Logger {
  if (sink === silentSink) return discard;
  return {
    request: (entry) => sink({ level: 'info', cloud, ...entry }),
    error: (error, context) => sink({ level: 'error', cloud, ...context, ...describeError(error) }),
    info: (message, fields) => sink({ level: 'info', cloud, message, ...fields }),
  };
}

/** Used when the adapter passes no logger: no request lines, but a bug is never silent. */
export const errorsOnlyLogger = (cloud: ServedBy): Logger => ({
  ...createLogger(cloud),
  request: () => {},
  info: () => {},
});
