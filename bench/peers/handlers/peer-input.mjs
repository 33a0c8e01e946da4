// Request input by our rules (docs/ARCHITECTURE.md, "HTTP contract"): 415, 413, UTF-8, JSON, then the
// valibot schemas the app validates with, so a peer refuses exactly what ours refuses, in that order.
import { JSON_MEDIA_TYPE, MAX_BODY_BYTES, BODY_TOO_LARGE } from '../../../handlers/core/json-body.ts';
import { isNoteId } from '../../../handlers/core/ids.ts';
import { parseIfMatch } from '../../../handlers/core/if-match.ts';
import { HelloQuerySchema, ListQuerySchema, NoteInputSchema, validate } from '../../../handlers/core/validation.ts';
import { PeerProblem } from './peer-problem.mjs';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The note of a request body (`bytes`: a Buffer, or undefined when none was sent). */
export function noteInput(contentType, bytes) {
  if (contentType?.includes(','))
    throw new PeerProblem(415, 'The request has more than one Content-Type; send it once, as application/json.');
  const [type = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== JSON_MEDIA_TYPE)
    throw new PeerProblem(
      415,
      `The request body must be application/json, not ${contentType ? `"${contentType.slice(0, 100)}"` : 'untyped'}.`,
    );
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new PeerProblem(415, `JSON must be UTF-8 (RFC 8259), not charset "${charset.slice(0, 40)}".`);
  const body = bytes ?? Buffer.alloc(0);
  if (body.byteLength > MAX_BODY_BYTES) throw new PeerProblem(413, BODY_TOO_LARGE);
  let text;
  try {
    text = utf8.decode(body);
  } catch {
    throw new PeerProblem(400, 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new PeerProblem(400, 'The request body is empty; send a JSON object.');
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PeerProblem(400, 'The request body is not valid JSON.');
  }
  const result = validate(NoteInputSchema, value);
  if (!result.ok)
    throw new PeerProblem(400, `Invalid note: ${result.errors.map((e) => e.message).join('; ')}.`, {
      errors: result.errors,
    });
  return result.value;
}

/** Named query parameters, each at most once (`query`: name → string or string[]), through `schema`. */
export function validQuery(schema, query, names) {
  const picked = {};
  for (const name of names) {
    const value = query?.[name];
    if (Array.isArray(value) && value.length > 1)
      throw new PeerProblem(400, `The query parameter "${name}" is given more than once.`, {
        errors: [{ path: name, message: `${name} must be given at most once` }],
      });
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined) picked[name] = one;
  }
  const result = validate(schema, picked);
  if (!result.ok)
    throw new PeerProblem(400, `Invalid query: ${result.errors.map((e) => e.message).join('; ')}.`, {
      errors: result.errors,
    });
  return result.value;
}

export const helloQuery = (query) => validQuery(HelloQuerySchema, query, ['name']);
export const listQuery = (query) => validQuery(ListQuerySchema, query, ['limit', 'cursor']);

/** A note id from the path; anything but a lower-case UUID cannot exist: 404 without asking the store. */
export function noteId(id) {
  if (isNoteId(id)) return id;
  throw new PeerProblem(404, `No note has the id "${String(id).slice(0, 64)}": note ids are lower-case UUIDs.`);
}

export function ifMatchOf(header) {
  const ifMatch = parseIfMatch(header);
  if (ifMatch.kind === 'malformed')
    throw new PeerProblem(400, 'If-Match must be a note version such as "3", 3, W/"3", or *.', {
      errors: [{ path: 'If-Match', message: 'not a note version' }],
    });
  return ifMatch;
}
