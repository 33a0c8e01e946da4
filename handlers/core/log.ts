// One JSON line per request (and per unexpected error), the shape every cloud's log search expects.
export type ServedBy = 'aws' | 'azure' | 'local-aws' | 'local-azure';

/** SERVED_BY as a cloud's api entry reads it: unset is the cloud itself; local mode runs it as local-<cloud>. */
export function servedByFor(cloud: 'aws' | 'azure', value: string | undefined): ServedBy {
  const servedBy = value ?? cloud;
  if (servedBy !== cloud && servedBy !== `local-${cloud}`) {
    throw new Error(`SERVED_BY must be ${cloud} or local-${cloud}, not "${servedBy}"`);
  }
  return servedBy as ServedBy;
}

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

export interface Logger {
  request(entry: RequestLogEntry): void;
  error(error: unknown, entry: Omit<RequestLogEntry, 'status' | 'durationMs' | 'reason'>): void;
}

function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorMessage: String(error) };
}

/** Writes JSON lines: requests to `out`, unexpected errors (with their stack) to `err`. */
export function jsonLogger(
  cloud: ServedBy,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Logger {
  return {
    request: (entry) => out(JSON.stringify({ level: 'info', cloud, ...entry })),
    error: (error, entry) => err(JSON.stringify({ level: 'error', cloud, ...entry, ...describeError(error) })),
  };
}

/** Used when the adapter passes no logger: no request lines, but a bug is never silent. */
export const errorsOnlyLogger = (cloud: ServedBy): Logger => {
  const json = jsonLogger(cloud);
  return { request: () => {}, error: json.error };
};
