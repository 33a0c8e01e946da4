// The two failures that end a run with exit code 2 and one line on stderr (no stack trace).

/** Bad flags or no way to find the URLs. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A URL that is not the notes API, or not ready: found before the scenario writes anything. One line per cloud. */
export class PreflightError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'PreflightError';
  }
}
