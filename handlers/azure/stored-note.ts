// How a note is stored in Cosmos DB, and how it is read back, as strictly as on AWS
// (handlers/core/stored-note.ts). Only the Note's own fields go out, so Cosmos system properties
// (_rid, _etag, _ts, _self, _attachments, _lsn) and our soft-delete marker never leak into the API or
// into events; they are the only keys a document may carry besides the note's.
import { DELETED_NOTE_TTL_SECONDS } from '../../contract/azure';
import type { Note } from '../core/ports';
import { NotAStoredNoteError, pickNote, storedNoteProblems } from '../core/stored-note';

/**
 * A note document as stored: the note, its `owner` (the partition key, contract/azure.ts); `deleted`,
 * `ttl` and `deletedAt` are present only on a soft-delete marker.
 */
export interface NoteDocument extends Note {
  owner: string;
  deleted?: true;
  ttl?: number;
  deletedAt?: string;
}

/** The soft-delete marker that replaces a note: the change feed sees it, readers treat it as absent. */
export function deletedMarker(owner: string, note: Note, deletedAt: string): NoteDocument {
  return { ...toNoteDocument(owner, note), deleted: true, ttl: DELETED_NOTE_TTL_SECONDS, deletedAt };
}

/** The fields written for a live note: exactly the Note and its owner, whatever else the object carries. */
export function toNoteDocument(owner: string, note: Note): NoteDocument {
  const { id, title, body, createdAt, updatedAt, version } = note;
  return { id, owner, title, body, createdAt, updatedAt, version };
}

export function isDeletedMarker(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { deleted?: unknown }).deleted === true;
}

/** Cosmos DB's system properties all start with "_" (learn.microsoft.com, "Azure Cosmos DB resource model"). */
const MARKER_KEYS: readonly string[] = ['owner', 'deleted', 'ttl', 'deletedAt'] satisfies (keyof NoteDocument)[];
const isStoreKey = (key: string) => key.startsWith('_') || MARKER_KEYS.includes(key);

/** The note inside a stored document; NotAStoredNoteError naming every problem when it is not exactly one. */
export function noteFromDocument(doc: unknown): Note {
  return ownedNoteFromDocument(doc).note;
}

/** The note and its owner (the change feed's documents: the publisher needs both). */
export function ownedNoteFromDocument(doc: unknown): { owner: string; note: Note } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new NotAStoredNoteError('document', ['it is not an object']);
  const value = doc as Record<string, unknown>;
  const owner = value.owner;
  const ownerProblems =
    typeof owner === 'string' && owner.length > 0
      ? []
      : ['owner' in value ? 'owner is not a non-empty string' : 'owner is missing'];
  const problems = [...ownerProblems, ...storedNoteProblems(value, isStoreKey)];
  if (problems.length > 0)
    throw new NotAStoredNoteError(`document ${typeof value.id === 'string' ? value.id : '(no id)'}`, problems);
  return { owner: owner as string, note: pickNote(value) };
}
