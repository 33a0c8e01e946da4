// A Logger that keeps the request lines it is given, for tests that count what was logged.
import type { Logger, RequestLogEntry } from '../../handlers/core/log';

export function recordingLogger(): Logger & { lines: RequestLogEntry[] } {
  const lines: RequestLogEntry[] = [];
  return { lines, request: (entry) => lines.push(entry), error: () => undefined, info: () => undefined };
}
