// One JSON line per request (and per unexpected error), the shape every cloud's log search expects.
export type ServedBy = 'aws' | 'azure' | 'local-aws' | 'local-azure';

export interface RequestLogEntry {
  method: string;
  /** The matched route pattern, e.g. /api/notes/:id, so ids do not explode log cardinality. */
  route: string;
  status: number;
  durationMs: number;
}

export interface Logger {
  request(entry: RequestLogEntry): void;
  error(error: unknown, entry: Omit<RequestLogEntry, 'status' | 'durationMs'>): void;
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
