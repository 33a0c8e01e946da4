// Which SDK errors mean "the store did not answer" (the API then says 503 + Retry-After); the same
// helpers as handlers/azure/store-errors.ts. The SDK has
// already retried these by the time they reach us; anything else is a bug or a misconfiguration and
// is rethrown unchanged so it shows up as a 500 with its stack in the logs.
import { StoreUnavailableError } from '../core/ports';

// Service errors DynamoDB (and the SDK's own classification) use for throttling and outages.
const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

// Node socket errors: the endpoint is down or unreachable (an emulator that is not running, a network blip).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// The SDK's retry middleware re-wraps a thrown value that is not an `Error` of its own realm (as under
// jest's sandbox) into `new Error("AWS SDK error wrapper for Error: connect ECONNREFUSED …")`, losing
// `code` and `name`; both are still in the message (@smithy/core retry asSdkError).
const NETWORK_CODE_IN_MESSAGE = new RegExp(`\\b(?:${[...NETWORK_CODES].join('|')})\\b`);
const WRAPPED_NAME = /^AWS SDK error wrapper for (\w+):/;

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && NETWORK_CODE_IN_MESSAGE.test(e.message)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_NAMES.has(WRAPPED_NAME.exec(e.message)?.[1] ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  // The SDK marks transient errors it would retry (throttling, transient 5xx) with $retryable.
  return e.$retryable !== undefined && e.$retryable !== null && e.$retryable !== false;
}

/** StoreUnavailableError (with the SDK error as cause) for outages; the error itself otherwise. */
export function toStoreError(error: unknown, store: string): unknown {
  if (error instanceof StoreUnavailableError || !isStoreUnavailable(error)) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StoreUnavailableError(`${store} is unavailable (${detail})`, { cause: error });
}
