// DynamoDB Streams record → NoteChange. Only records of the notes table with a NEW_AND_OLD_IMAGES
// view are notes; anything else is refused with a message naming the record, never guessed at.
import type { DynamoDBRecord } from 'aws-lambda';
import type { NoteChangeKind } from '../../contract/events';
import type { NoteChange } from '../core/ports';
import { type Item, ownedNoteFromItem } from './stored-note';

export class NotANoteChangeError extends Error {
  constructor(record: DynamoDBRecord, detail: string) {
    super(`stream record ${record.eventID ?? '(no eventID)'} is not a note change: ${detail}`);
    this.name = 'NotANoteChangeError';
  }
}

const KINDS: Record<string, NoteChangeKind> = { INSERT: 'created', MODIFY: 'updated', REMOVE: 'deleted' };

export function recordToChange(record: DynamoDBRecord): NoteChange {
  const kind = record.eventName === undefined ? undefined : KINDS[record.eventName];
  if (!kind)
    throw new NotANoteChangeError(record, `eventName ${String(record.eventName)} is not INSERT, MODIFY or REMOVE`);
  const stream = record.dynamodb;
  // The stream JSON has the same shape as the SDK's AttributeValue (binary is base64 text instead of
  // bytes, which no note attribute uses), so the SDK's unmarshall reads it.
  const image = (kind === 'deleted' ? stream?.OldImage : stream?.NewImage) as Item | undefined;
  if (!image) {
    const wanted = kind === 'deleted' ? 'OldImage' : 'NewImage';
    throw new NotANoteChangeError(record, `it has no ${wanted} (the stream must be NEW_AND_OLD_IMAGES)`);
  }
  let owned: ReturnType<typeof ownedNoteFromItem>;
  try {
    owned = ownedNoteFromItem(image);
  } catch (error) {
    throw new NotANoteChangeError(record, error instanceof Error ? error.message : String(error));
  }
  const { owner, note } = owned;
  if (kind !== 'deleted') return { kind, owner, note, time: note.updatedAt };

  // A delete has no note timestamp of its own: the stream's commit time is when it happened. That time
  // is whole seconds, rounded down, so a delete within a second of the last write would be dated before
  // it; the delete came after that write, so it is dated at least one millisecond after it.
  const seconds = stream?.ApproximateCreationDateTime;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw new NotANoteChangeError(record, 'a REMOVE without ApproximateCreationDateTime has no time');
  }
  const time = Math.max(Math.round(seconds * 1000), Date.parse(note.updatedAt) + 1);
  return { kind, owner, note, time: new Date(time).toISOString() };
}
