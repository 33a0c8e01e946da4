// RFC 9457 problem responses, and the one place that maps errors to HTTP statuses.
import { HTTPException } from 'hono/http-exception';
import { InvalidCursorError, NoteNotFoundError, StoreUnavailableError, VersionMismatchError } from './ports';

/** One failed check of a validation error, named by the request field it concerns. */
export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

// With type "about:blank" the title must be the status's reason phrase (RFC 9457 §4.2.1).
const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The reason phrase of a status the API answers with (the problem's title). */
export function reasonPhrase(status: number): string {
  return REASON[status] ?? 'Error';
}

export const PROBLEM_TYPE = 'application/problem+json';

/** The JSON text of a problem; front doors that answer without a fetch Response write it themselves. */
export function problemText(status: number, detail: string, errors?: FieldError[]): string {
  const body: Problem = { type: 'about:blank', title: reasonPhrase(status), status, detail };
  if (errors) body.errors = errors;
  return JSON.stringify(body);
}

const utf8 = new TextEncoder();

export function problemResponse(
  status: number,
  detail: string,
  options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
): Response {
  const text = problemText(status, detail, options.errors);
  // Content-Length set here, so a HEAD answer (which drops the body) still says how long it is.
  const length = String(utf8.encode(text).byteLength);
  return new Response(text, {
    status,
    headers: { 'content-type': PROBLEM_TYPE, 'content-length': length, ...options.headers },
  });
}

/** The `detail` of a problem response (for the log line of a refusal); undefined for anything else. */
export async function problemDetailOf(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.startsWith(PROBLEM_TYPE)) return undefined;
  try {
    const { detail } = (await response.clone().json()) as { detail?: unknown };
    return typeof detail === 'string' ? detail : undefined;
  } catch {
    return undefined;
  }
}

/** A problem the routes throw to stop a request; `toProblemResponse` turns it into its response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** What a 503 tells clients: the store usually answers again within a second. */
export const RETRY_SOON = { 'retry-after': '1' };

/** The response for any error; `unexpected` is told about errors that are bugs (500). */
export function toProblemResponse(error: unknown, unexpected: (error: unknown) => void): Response {
  if (error instanceof ProblemError) return problemResponse(error.status, error.detail, error.options);
  if (error instanceof StoreUnavailableError) {
    return problemResponse(503, 'The store is unavailable; retry shortly.', { headers: RETRY_SOON });
  }
  if (error instanceof InvalidCursorError) {
    return problemResponse(400, `Invalid cursor: ${error.message}.`, {
      errors: [{ path: 'cursor', message: error.message }],
    });
  }
  if (error instanceof NoteNotFoundError) return problemResponse(404, `Note ${error.id} does not exist.`);
  if (error instanceof VersionMismatchError) return versionMismatch(error.id);
  if (error instanceof HTTPException && error.status < 500) {
    return problemResponse(error.status, error.message || REASON[error.status] || 'The request was refused.');
  }
  unexpected(error);
  // No message or stack: internals stay in the logs.
  return problemResponse(500, 'An unexpected error occurred; it has been logged.');
}

export function versionMismatch(id: string): Response {
  return problemResponse(412, `Note ${id} has changed: If-Match does not match its current version.`);
}
