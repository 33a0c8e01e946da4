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

function afterIdOf(cursor: string): string {
  const value = decodeCursor(cursor);
  if (typeof value !== 'object' || value === null || typeof (value as { after?: unknown }).after !== 'string') {
    throw new InvalidCursorError('cursor was not issued by this store');
  }
  return (value as { after: string }).after;
}

export class MemoryNoteStore extends Switchable implements NoteStore {
  private readonly notes = new Map<string, Note>();

  async create(note: Note): Promise<void> {
    this.check();
    if (this.notes.has(note.id)) throw new Error(`note ${note.id} already exists`);
    this.notes.set(note.id, { ...note });
  }

  async get(id: string): Promise<Note | undefined> {
    this.check();
    const note = this.notes.get(id);
    return note && { ...note };
  }

  async list(query: { limit: number; cursor?: string }): Promise<NotePage> {
    this.check();
    const after = query.cursor === undefined ? undefined : afterIdOf(query.cursor);
    const ids = [...this.notes.keys()].sort().filter((id) => after === undefined || id > after);
    const items = ids.slice(0, query.limit).map((id) => ({ ...this.notes.get(id)! }));
    const last = items[items.length - 1];
    return ids.length > query.limit && last ? { items, nextCursor: encodeCursor({ after: last.id }) } : { items };
  }

  async replace(next: Note, expectedVersion: number): Promise<void> {
    this.check();
    const current = this.notes.get(next.id);
    if (!current) throw new NoteNotFoundError(next.id);
    if (current.version !== expectedVersion) throw new VersionMismatchError(next.id, expectedVersion, current.version);
    this.notes.set(next.id, { ...next });
  }

  async remove(id: string, expectedVersion?: number): Promise<Note> {
    this.check();
    const current = this.notes.get(id);
    if (!current) throw new NoteNotFoundError(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new VersionMismatchError(id, expectedVersion, current.version);
    }
    this.notes.delete(id);
    return { ...current };
  }

  async ping(): Promise<void> {
    this.check();
  }
}

export class MemoryActivityStore extends Switchable implements ActivityStore {
  private readonly byEventId = new Map<string, Activity>();

  async record(activity: Activity): Promise<boolean> {
    this.check();
    if (this.byEventId.has(activity.eventId)) return false;
    this.byEventId.set(activity.eventId, { ...activity });
    return true;
  }

  async list(noteId: string): Promise<Activity[]> {
    this.check();
    return [...this.byEventId.values()]
      .filter((a) => a.noteId === noteId)
      .sort(compareActivity)
      .map((a) => ({ ...a }));
  }
}

/** Time, then eventId: the order every ActivityStore lists in. */
