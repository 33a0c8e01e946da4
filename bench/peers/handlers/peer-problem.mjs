// The problem+json answers every peer gives (RFC 9457), with our texts and reason phrases, so "the
// same answer" is the same bytes' worth of work on every side. Plain JavaScript: bundled by esbuild.
import { problemText } from '../../../handlers/core/problem.ts';

export const PROBLEM_TYPE = 'application/problem+json';

/** What a peer route throws to stop a request; each framework's error handler turns it into its answer. */
export class PeerProblem extends Error {
  constructor(status, detail, { errors, headers } = {}) {
    super(detail);
    this.status = status;
    this.errors = errors;
    this.headers = headers ?? {};
  }
}

/** { status, headers, text } of any error: a PeerProblem as it says, anything else 500 (logged). */
export function problemOf(error) {
  if (!(error instanceof PeerProblem)) {
    console.error(error);
    error = new PeerProblem(500, 'An unexpected error occurred; it has been logged.');
  }
  return {
    status: error.status,
    headers: { 'content-type': PROBLEM_TYPE, ...error.headers },
    text: problemText(error.status, error.message, error.errors),
  };
}
