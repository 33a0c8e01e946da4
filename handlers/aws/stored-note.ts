// A note as a DynamoDB item, both ways. Reading is as strict as on Azure (handlers/core/stored-note.ts):
// the store's own items and stream images must be exactly a note; the item's one key of its own is
// `owner`, the partition key (contract/aws.ts NOTES_KEYS).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { NOTES_KEYS } from '../../contract/aws';
import type { Note } from '../core/ports';
import { NotAStoredNoteError, pickNote, storedNoteProblems } from '../core/stored-note';

export type Item = Record<string, AttributeValue>;

export function noteToItem(owner: string, note: Note): Item {
  // Only the note's own fields: an object with extra properties must not leak them into the table.
  const { id, title, body, createdAt, updatedAt, version } = note;
  return marshall({ [NOTES_KEYS.hash]: owner, id, title, body, createdAt, updatedAt, version });
}

/** The note in `item`; NotAStoredNoteError naming every problem when it is not exactly a note. */
export function noteFromItem(item: Item): Note {
  return ownedNoteFromItem(item).note;
}

/** The note in `item` and its owner (the stream's images: the publisher needs both). */
export function ownedNoteFromItem(item: Item): { owner: string; note: Note } {
  let value: Record<string, unknown>;
  try {
    value = unmarshall(item);
  } catch (error) {
    throw new NotAStoredNoteError('item', [
      `its attributes cannot be read (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  const owner = value[NOTES_KEYS.hash];
  const ownerProblems =
    typeof owner === 'string' && owner.length > 0
      ? []
      : [NOTES_KEYS.hash in value ? `${NOTES_KEYS.hash} is not a non-empty string` : `${NOTES_KEYS.hash} is missing`];
  const problems = [...ownerProblems, ...storedNoteProblems(value, (key) => key === NOTES_KEYS.hash)];
  if (problems.length > 0) throw new NotAStoredNoteError('item', problems);
  return { owner: owner as string, note: pickNote(value) };
}
