// Request bodies: application/json only (415), at most 64 KiB (413), UTF-8 (400), JSON (400).
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProblemError, problemResponse } from './problem';

export const JSON_MEDIA_TYPE = 'application/json';

// 64 KiB holds the longest valid note (10 000 code points of up to 4 bytes each, plus a title) with room for JSON.
export const MAX_BODY_BYTES = 64 * 1024;
export const BODY_TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES} bytes (64 KiB).`;
const tooLarge = () => problemResponse(413, BODY_TOO_LARGE);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const limitSize = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/** Checks media type, then size (whether or not Content-Length is sent), in the contract's order. */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  const header = c.req.header('content-type');
  // A Content-Type sent twice arrives joined with "," (API Gateway) or ", " (the Functions host): a list
  // is never one media type (RFC 9110 §8.3), and quoting it would make the clouds' answers differ.
  if (header?.includes(',')) {
    return problemResponse(415, 'The request has more than one Content-Type; send it once, as application/json.');
  }
  const [type = '', ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== JSON_MEDIA_TYPE) {
    return problemResponse(
      415,
      `The request body must be application/json, not ${header ? `"${header.slice(0, 100)}"` : 'untyped'}.`,
    );
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return problemResponse(415, `JSON must be UTF-8 (RFC 8259), not charset "${charset.slice(0, 40)}".`);
  }
  return limitSize(c, next);
};

/** The parsed body of a request that passed `jsonBody`; ProblemError 400/413 otherwise. */
export async function readJson(c: Context): Promise<unknown> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  // bodyLimit trusts Content-Length when present: check the bytes actually received as well.
  if (bytes.byteLength > MAX_BODY_BYTES) throw new ProblemError(413, BODY_TOO_LARGE);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ProblemError(400, 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new ProblemError(400, 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    // A fixed message: V8's parser wording differs between Node versions, and bodies must compare equal.
    throw new ProblemError(400, 'The request body is not valid JSON.');
  }
}
