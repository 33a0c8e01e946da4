// In-memory stores: the reference implementation of the ports, used by core tests and local mode's
// defaults. Copies go in and out so callers can never change stored state by mutating an object.
import { compareActivity } from './activity-order';
import { decodeCursor, encodeCursor } from './cursor';
import {
  type Activity,
  type ActivityStore,
  InvalidCursorError,
  type Note,
  type NotePage,
  type NoteStore,
  NoteNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from './ports';

/** Lets a test take a store down: every call then throws StoreUnavailableError. */
abstract class Switchable {
  private available = true;

  setAvailable(available: boolean): void {
    this.available = available;
  }

  protected check(): void {
    if (!this.available) throw new StoreUnavailableError('the memory store was made unavailable');
  }
}

/** The page start in a cursor: the owner it was issued to and the last id of the previous page. */
function startOf(owner: string, cursor: string): string {
  const value = decodeCursor(cursor) as { owner?: unknown; after?: unknown } | null;
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.after !== 'string' ||
    typeof value.owner !== 'string'
  ) {
    throw new InvalidCursorError('cursor was not issued by this store');
  }
  if (value.owner !== owner) throw new InvalidCursorError('cursor was issued to another user');
  return value.after;
}

/** One map per owner: the in-memory form of "a user's notes are one partition". */
export class MemoryNoteStore extends Switchable implements NoteStore {
  private readonly owners = new Map<string, Map<string, Note>>();

  private notesOf(owner: string): Map<string, Note> {
    let notes = this.owners.get(owner);
    if (!notes) this.owners.set(owner, (notes = new Map()));
    return notes;
  }

  async create(owner: string, note: Note): Promise<void> {
    this.check();
    const notes = this.notesOf(owner);
    if (notes.has(note.id)) throw new Error(`note ${note.id} already exists`);
    notes.set(note.id, { ...note });
  }

  async get(owner: string, id: string): Promise<Note | undefined> {
    this.check();
    const note = this.owners.get(owner)?.get(id);
    return note && { ...note };
  }

  async list(owner: string, query: { limit: number; cursor?: string }): Promise<NotePage> {
    this.check();
    const after = query.cursor === undefined ? undefined : startOf(owner, query.cursor);
    const notes = this.owners.get(owner) ?? new Map<string, Note>();
    const ids = [...notes.keys()].sort().filter((id) => after === undefined || id > after);
    const items = ids.slice(0, query.limit).map((id) => ({ ...notes.get(id)! }));
    const last = items[items.length - 1];
    return ids.length > query.limit && last
      ? { items, nextCursor: encodeCursor({ owner, after: last.id }) }
      : { items };
  }

  async replace(owner: string, next: Note, expectedVersion: number): Promise<void> {
    this.check();
    const notes = this.notesOf(owner);
    const current = notes.get(next.id);
    if (!current) throw new NoteNotFoundError(next.id);
    if (current.version !== expectedVersion) throw new VersionMismatchError(next.id, expectedVersion, current.version);
    notes.set(next.id, { ...next });
  }

  async remove(owner: string, id: string, expectedVersion?: number): Promise<Note> {
    this.check();
    const notes = this.notesOf(owner);
    const current = notes.get(id);
    if (!current) throw new NoteNotFoundError(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new VersionMismatchError(id, expectedVersion, current.version);
    }
    notes.delete(id);
    return { ...current };
  }

  async ping(): Promise<void> {
    this.check();
  }
}

export class MemoryActivityStore extends Switchable implements ActivityStore {
  /** Keyed by owner, then event id. */
  private readonly byOwner = new Map<string, Map<string, Activity>>();

  async record(owner: string, activity: Activity): Promise<boolean> {
    this.check();
    let events = this.byOwner.get(owner);
    if (!events) this.byOwner.set(owner, (events = new Map()));
    if (events.has(activity.eventId)) return false;
    events.set(activity.eventId, { ...activity });
    return true;
  }

  async list(owner: string, noteId: string): Promise<Activity[]> {
    this.check();
    return [...(this.byOwner.get(owner)?.values() ?? [])]
      .filter((a) => a.noteId === noteId)
      .sort(compareActivity)
      .map((a) => ({ ...a }));
  }
}

/** Time, then eventId: the order every ActivityStore lists in. */
