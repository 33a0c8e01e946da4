// The two failures that end a run with exit code 2 and one line on stderr (no stack trace).

/** Bad flags or no way to find the URLs. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A URL that does not answer at all. */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}
