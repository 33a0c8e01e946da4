// Page cursors are opaque to clients: base64url of a JSON value that only the issuing store reads.
import { InvalidCursorError } from './ports';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
// fatal: invalid UTF-8 inside a cursor is garbage, not text with replacement characters.
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeCursor(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('cursor value is not JSON-serialisable');
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The JSON value inside a cursor; InvalidCursorError for anything encodeCursor cannot have made. */
export function decodeCursor(s: string): unknown {
  if (typeof s !== 'string' || !BASE64URL.test(s)) {
    throw new InvalidCursorError('cursor is not base64url');
  }
  const bytes = Buffer.from(s, 'base64url');
  // Buffer ignores trailing junk bits; only the canonical spelling round-trips.
  if (bytes.toString('base64url') !== s) throw new InvalidCursorError('cursor is not base64url');
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new InvalidCursorError('cursor does not hold JSON');
  }
}
