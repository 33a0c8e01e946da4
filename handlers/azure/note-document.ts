// How a note is stored in Cosmos DB, and how it is read back. Only the Note's own fields go out, so
// Cosmos system properties (_rid, _etag, _ts, _self, _attachments, _lsn) and our soft-delete marker
// never leak into the API or into events.
import type { Note } from '../core/ports';

/** Seconds a soft-deleted note stays (so the change feed can carry the delete) before Cosmos drops it. */
export const DELETED_NOTE_TTL_SECONDS = 86_400;

/** A note document as stored; `deleted`, `ttl` and `deletedAt` are present only on a soft-delete marker. */
export interface NoteDocument extends Note {
  deleted?: true;
  ttl?: number;
  deletedAt?: string;
}

/** The soft-delete marker that replaces a note: the change feed sees it, readers treat it as absent. */
export function deletedMarker(note: Note, deletedAt: string): NoteDocument {
  return { ...toNoteDocument(note), deleted: true, ttl: DELETED_NOTE_TTL_SECONDS, deletedAt };
}

/** The fields written for a live note: exactly the Note, whatever else the object carries. */
export function toNoteDocument(note: Note): NoteDocument {
  const { id, title, body, createdAt, updatedAt, version } = note;
  return { id, title, body, createdAt, updatedAt, version };
}

export function isDeletedMarker(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { deleted?: unknown }).deleted === true;
}

/** The note inside a stored document; throws a clear error for anything that is not one. */
export function noteFromDocument(doc: unknown): Note {
  if (typeof doc !== 'object' || doc === null) throw new TypeError('note document is not an object');
  const d = doc as Record<string, unknown>;
  const { id, title, body, createdAt, updatedAt, version } = d;
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof body !== 'string' ||
    typeof createdAt !== 'string' ||
    typeof updatedAt !== 'string' ||
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1
  ) {
    throw new TypeError(`document ${typeof id === 'string' ? id : '(no id)'} is not a note`);
  }
  return { id, title, body, createdAt, updatedAt, version };
}
