// Sorts @azure/cosmos failures: the HTTP statuses the stores expect (404, 409, 412) versus the store
// not answering, which the API reports as 503.
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

/** Rethrows `error` as StoreUnavailableError when the store did not answer, unchanged otherwise. */
export function rethrowAsStoreError(error: unknown): never {
  if (isStoreUnavailable(error) && !(error instanceof StoreUnavailableError)) {
    throw new StoreUnavailableError('Cosmos DB did not answer', { cause: error });
  }
  throw error;
}
