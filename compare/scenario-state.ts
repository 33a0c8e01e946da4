// What one cloud's run of the scenario remembers between steps: the notes it created, by role.
import type { Exchange } from './types';

/** A well-formed id no store will have issued: the "unknown id" of the 404 step and the stand-in
 *  for a note whose create failed (so later steps still run and show their own differences). */
export const UNKNOWN_ID = '00000000-0000-7000-8000-000000000000';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class CloudState {
  /** role ("note-1") → id on this cloud. */
  readonly ids = new Map<string, string>();
  /** Ids created and not yet deleted: removed at the end whatever happened. */
  readonly live = new Set<string>();
  /** Creates that got no answer: they may have committed a note whose id this run never learnt. */
  readonly unanswered: string[] = [];

  idOf(role: string): string {
    return this.ids.get(role) ?? UNKNOWN_ID;
  }

  /** id → role, the form compare-values wants. */
  aliases(): Map<string, string> {
    return new Map([...this.ids].map(([role, id]) => [id, role]));
  }

  /** Remembers the note a successful create returned under `role`. */
  rememberCreated(role: string, exchange: Exchange): void {
    if (exchange.status === undefined) this.unanswered.push(role);
    const id = (exchange.body as { id?: unknown } | undefined)?.id;
    if (exchange.status === 201 && typeof id === 'string' && UUID.test(id)) {
      this.ids.set(role, id);
      this.live.add(id);
    }
  }

  /** A 204 or 404 to a DELETE means the note is gone either way. */
  rememberDeleted(role: string, exchange: Exchange): void {
    if (exchange.status === 204 || exchange.status === 404) this.live.delete(this.idOf(role));
  }
}
