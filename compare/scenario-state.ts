// What one cloud's run of the scenario remembers between steps: the notes it created, by role, and
// every write it saw commit (each must show up as an event in the note's activity).
import { isNoteId } from '../handlers/core/ids';
import type { NoteChangeKind } from '../contract/events';
import type { Note } from '../handlers/core/ports';
import type { Exchange } from './types';

/** A well-formed id no store will have issued: the "unknown id" of the 404 step and the stand-in
 *  for a note whose create failed (so later steps still run and show their own differences). */
export const UNKNOWN_ID = '00000000-0000-7000-8000-000000000000';

/** A write the cloud answered as committed, with the note as it answered it. */
export interface SeenWrite {
  role: string;
  kind: NoteChangeKind;
  note: Note;
}

export class CloudState {
  /** role ("note-1") → id on this cloud. */
  readonly ids = new Map<string, string>();
  /** Ids created and not yet deleted: removed at the end whatever happened. */
  readonly live = new Set<string>();
  /** Creates that got no answer: they may have committed a note whose id this run never learnt. */
  readonly unanswered: string[] = [];
  /** Notes user B created (compare/owner-steps.ts) and has not deleted: B removes them at the end. */
  readonly liveOfB = new Set<string>();
  /** Committed writes in the order they were answered (user A's: the events step reads A's activity). */
  readonly writes: SeenWrite[] = [];
  /** role → the note as the last write answered it (a delete carries it in its event). */
  private readonly lastNote = new Map<string, Note>();

  idOf(role: string): string {
    return this.ids.get(role) ?? UNKNOWN_ID;
  }

  /** id → role, the form compare-values wants. */
  aliases(): Map<string, string> {
    return new Map([...this.ids].map(([role, id]) => [id, role]));
  }

  private wrote(role: string, kind: NoteChangeKind, note: Note): void {
    this.lastNote.set(role, note);
    this.writes.push({ role, kind, note });
  }

  /** Remembers the note a successful create returned under `role`. */
  rememberCreated(role: string, exchange: Exchange): void {
    if (exchange.status === undefined) this.unanswered.push(role);
    const id = (exchange.body as { id?: unknown } | undefined)?.id;
    if (exchange.status === 201 && isNoteId(id)) {
      this.ids.set(role, id);
      this.live.add(id);
      this.wrote(role, 'created', exchange.body as Note);
    }
  }

  /** User B's own note: named by `role` for comparisons, kept out of A's writes, removed with B's token. */
  rememberCreatedByB(role: string, exchange: Exchange): void {
    if (exchange.status === undefined) this.unanswered.push(role);
    const id = (exchange.body as { id?: unknown } | undefined)?.id;
    if (exchange.status === 201 && isNoteId(id)) {
      this.ids.set(role, id);
      this.liveOfB.add(id);
    }
  }

  rememberDeletedByB(role: string, exchange: Exchange): void {
    if (exchange.status === 204 || exchange.status === 404) this.liveOfB.delete(this.idOf(role));
  }

  /** A 200 to a PUT committed a new version. */
  rememberUpdated(role: string, exchange: Exchange): void {
    if (exchange.status === 200 && exchange.body && typeof exchange.body === 'object')
      this.wrote(role, 'updated', exchange.body as Note);
  }

  /** A 204 or 404 to a DELETE means the note is gone either way; only a 204 was this run's write. */
  rememberDeleted(role: string, exchange: Exchange): void {
    if (exchange.status === 204 || exchange.status === 404) this.live.delete(this.idOf(role));
    const last = this.lastNote.get(role);
    if (exchange.status === 204 && last !== undefined) this.wrote(role, 'deleted', last);
  }
}
