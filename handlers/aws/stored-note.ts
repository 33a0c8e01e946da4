// A note as a DynamoDB item, both ways. Reading is as strict as on Azure (handlers/core/stored-note.ts):
// the store's own items and stream images must be exactly a note; the item's one key of its own is
// `kind`, the list index's partition.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { NOTE_KIND } from '../../contract/aws';
import type { Note } from '../core/ports';
import { NotAStoredNoteError, pickNote, storedNoteProblems } from '../core/stored-note';

export type Item = Record<string, AttributeValue>;

export function noteToItem(note: Note): Item {
  // Only the note's own fields: an object with extra properties must not leak them into the table.
  const { id, title, body, createdAt, updatedAt, version } = note;
  return marshall({ id, kind: NOTE_KIND, title, body, createdAt, updatedAt, version });
}

/** The note in `item`; NotAStoredNoteError naming every problem when it is not exactly a note. */
export function noteFromItem(item: Item): Note {
  let value: Record<string, unknown>;
  try {
    value = unmarshall(item);
  } catch (error) {
    throw new NotAStoredNoteError('item', [`its attributes cannot be read (${error instanceof Error ? error.message : String(error)})`]);
  }
  const kind = value.kind === NOTE_KIND ? [] : ['kind' in value ? `kind is not "${NOTE_KIND}"` : 'kind is missing'];
  const problems = [...kind, ...storedNoteProblems(value, (key) => key === 'kind')];
  if (problems.length > 0) throw new NotAStoredNoteError('item', problems);
  return pickNote(value);
}
