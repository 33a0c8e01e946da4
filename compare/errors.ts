// The two failures that end a run with exit code 2 and one line on stderr (no stack trace).

/** Bad flags or no way to find the URLs: the tools' one usage error. */
export { UsageError } from '../tools/cli';

/** A URL that is not the notes API, or not ready: found before the scenario writes anything. One line per cloud. */
export class PreflightError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'PreflightError';
  }
}

/** Sign-in is on and a user's token is missing (or both are one user's): found before anything is written. */
export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInError';
  }
}
