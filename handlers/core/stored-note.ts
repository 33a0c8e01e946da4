// How strictly every store reads a note back (handlers/aws/stored-note.ts, handlers/azure/stored-note.ts):
// exactly the Note's fields in the forms core writes them, plus only the keys the store itself adds.
// Anything else (another table's records, a corrupted item) is refused naming every problem, never
// turned into a half-empty note. Written once, so both clouds are equally strict.
import { isNoteId } from './ids';
import type { Note } from './ports';

export class NotAStoredNoteError extends Error {
  constructor(
    what: string,
    readonly problems: string[],
  ) {
    super(`${what} is not a note: ${problems.join('; ')}`);
    this.name = 'NotAStoredNoteError';
  }
}

// The timestamps core writes: Date.prototype.toISOString() (UTC, milliseconds).
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NOTE_FIELDS: readonly string[] = [
  'id',
  'title',
  'body',
  'createdAt',
  'updatedAt',
  'version',
] satisfies (keyof Note)[];

/** Every problem of `value` as a stored note; `storeKey` names the keys the store adds of its own. */
export function storedNoteProblems(value: Record<string, unknown>, storeKey: (key: string) => boolean): string[] {
  const problems: string[] = [];
  const has = (key: string) => Object.hasOwn(value, key);
  if (!isNoteId(value.id)) problems.push(has('id') ? 'id is not a lower-case UUID' : 'id is missing');
  for (const key of ['title', 'body']) {
    if (typeof value[key] !== 'string') problems.push(has(key) ? `${key} is not a string` : `${key} is missing`);
  }
  for (const key of ['createdAt', 'updatedAt']) {
    const time = value[key];
    if (typeof time !== 'string' || !ISO_UTC_MS.test(time)) {
      problems.push(has(key) ? `${key} is not an ISO 8601 UTC timestamp` : `${key} is missing`);
    }
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    problems.push(has('version') ? 'version is not a positive integer' : 'version is missing');
  }
  const unexpected = Object.keys(value).filter((key) => !NOTE_FIELDS.includes(key) && !storeKey(key));
  if (unexpected.length > 0) problems.push(`unexpected attributes ${unexpected.sort().join(', ')}`);
  return problems;
}

/** The Note's own fields of a value storedNoteProblems found none in. */
export function pickNote(value: Record<string, unknown>): Note {
  return {
    id: value.id as string,
    title: value.title as string,
    body: value.body as string,
    createdAt: value.createdAt as string,
    updatedAt: value.updatedAt as string,
    version: value.version as number,
  };
}
