// A note as a DynamoDB item, both ways. Reading is strict: the store's own items and stream images
// must be exactly a note, so anything else (another table's records, a corrupted item) is refused
// with a message that says what is wrong instead of turning into a half-empty note.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { isNoteId } from '../core/ids';
import type { Note } from '../core/ports';
import { NOTE_KIND } from './table-schema';

export type Item = Record<string, AttributeValue>;

export class NotANoteItemError extends Error {
  constructor(detail: string) {
    super(`item is not a note: ${detail}`);
    this.name = 'NotANoteItemError';
  }
}

// The timestamps core writes: Date.prototype.toISOString() (UTC, milliseconds).
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ATTRIBUTES = ['id', 'kind', 'title', 'body', 'createdAt', 'updatedAt', 'version'];

export function noteToItem(note: Note): Item {
  // Only the note's own fields: an object with extra properties must not leak them into the table.
  const { id, title, body, createdAt, updatedAt, version } = note;
  return marshall({ id, kind: NOTE_KIND, title, body, createdAt, updatedAt, version });
}

/** The note in `item`; NotANoteItemError naming every problem when it is not exactly a note. */
export function noteFromItem(item: Item): Note {
  let value: Record<string, unknown>;
  try {
    value = unmarshall(item);
  } catch (error) {
    throw new NotANoteItemError(`its attributes cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const problems: string[] = [];
  const has = (key: string) => Object.prototype.hasOwnProperty.call(value, key);
  if (value.kind !== NOTE_KIND) problems.push(has('kind') ? `kind is not "${NOTE_KIND}"` : 'kind is missing');
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
  const unexpected = Object.keys(value).filter((key) => !ATTRIBUTES.includes(key));
  if (unexpected.length > 0) problems.push(`unexpected attributes ${unexpected.sort().join(', ')}`);
  if (problems.length > 0) throw new NotANoteItemError(problems.join('; '));

  return {
    id: value.id as string,
    title: value.title as string,
    body: value.body as string,
    createdAt: value.createdAt as string,
    updatedAt: value.updatedAt as string,
    version: version as number,
  };
}
