// Cosmos DB change-feed documents (latest-version mode) → committed NoteChanges. A soft-delete
// marker is the delete; otherwise version 1 is the create and anything later an update.
import type { NoteChange } from '../core/ports';
import { isDeletedMarker, ownedNoteFromDocument } from './stored-note';

/** When the delete committed: our marker's `deletedAt`, else Cosmos's `_ts` (seconds), else the last update. */
function deletedAt(doc: Record<string, unknown>, updatedAt: string): string {
  if (typeof doc.deletedAt === 'string' && !Number.isNaN(Date.parse(doc.deletedAt))) return doc.deletedAt;
  if (typeof doc._ts === 'number') return new Date(doc._ts * 1000).toISOString();
  return updatedAt;
}

/** The change one document stands for; throws (naming the document) for one that is not a note. */
export function documentToChange(doc: unknown): NoteChange {
  const { owner, note } = ownedNoteFromDocument(doc);
  if (isDeletedMarker(doc)) {
    return { kind: 'deleted', owner, note, time: deletedAt(doc as Record<string, unknown>, note.updatedAt) };
  }
  return { kind: note.version === 1 ? 'created' : 'updated', owner, note, time: note.updatedAt };
}
