// Sorts @azure/cosmos failures: the HTTP statuses the stores expect (404, 409, 412) versus the store
// not answering, which the API reports as 503. The same helpers as handlers/aws/store-errors.ts.
import { StoreUnavailableError } from '../core/ports';

/** The HTTP status of a Cosmos error response, if it has one. */
export function cosmosStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
}

// 401/403: the key or the identity's role is missing, so the store does not answer *us*.
const UNAVAILABLE_STATUSES = new Set([401, 403, 408, 429, 449, 500, 502, 503, 504]);
// Socket-level failures surface as Node error codes (ECONNREFUSED, ECONNRESET, ETIMEDOUT, …).
const NETWORK_ERROR = /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/;

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const status = cosmosStatus(error);
  if (status !== undefined) return UNAVAILABLE_STATUSES.has(status);
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && NETWORK_ERROR.test(code)) return true;
  return name === 'TimeoutError' || name === 'AbortError' || name === 'FetchError';
}

/** StoreUnavailableError (with the SDK error as cause) for outages; the error itself otherwise. */
export function toStoreError(error: unknown, store: string): unknown {
  if (error instanceof StoreUnavailableError || !isStoreUnavailable(error)) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StoreUnavailableError(`${store} is unavailable (${detail})`, { cause: error });
}
