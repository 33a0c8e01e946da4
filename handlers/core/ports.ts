// The ports between the cloud-free application and each cloud. Core never imports a cloud SDK:
// every cloud (and local mode) supplies these three implementations.
// Every store call names the owner (handlers/core/auth/owner.ts): a user's notes and activity are one
// partition, and another owner's note is simply not under the caller's key (404 on every route).
import type { NoteChangeKind, NoteEventType } from '../../contract/events';

/** A note as the API returns it. `version` starts at 1 and grows by one on every update. */
export interface Note {
  id: string;
  title: string;
  body: string;
  createdAt: string; // ISO 8601, UTC, millisecond precision
  updatedAt: string;
  version: number;
}

export interface NotePage {
  items: Note[];
  /** Opaque, store-specific; absent when there is no further page. */
  nextCursor?: string;
}

export interface NoteStore {
  /** Stores a new note of `owner`; the id is new (UUIDv7), so a collision is a bug and may throw. */
  create(owner: string, note: Note): Promise<void>;
  /** Undefined when `owner` has no such note (a soft-deleted note counts as absent). */
  get(owner: string, id: string): Promise<Note | undefined>;
  /**
   * Notes in ascending id order (ids are UUIDv7, so creation order). A page holds `limit` notes while
   * at least that many remain (a store whose backend returns short pages keeps reading). Throws
   * InvalidCursorError (also for a cursor issued to another owner). Only `owner`'s notes, read from
   * that owner's partition alone. The shared tests in test/contract/ are the executable form of this contract.
   */
  list(owner: string, query: { limit: number; cursor?: string }): Promise<NotePage>;
  /**
   * Replaces the note only if the stored version equals `expectedVersion` (one conditional write).
   * Throws NoteNotFoundError or VersionMismatchError; nothing is written then.
   */
  replace(owner: string, next: Note, expectedVersion: number): Promise<void>;
  /**
   * Deletes the note, if `expectedVersion` is given only when it matches. Returns the deleted note.
   * Throws NoteNotFoundError or VersionMismatchError.
   */
  remove(owner: string, id: string, expectedVersion?: number): Promise<Note>;
  /** Resolves when the store answers; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
}

/** One event the subscriber received for a note, as `GET /api/notes/{id}/activity` shows it. */
export interface Activity {
  eventId: string;
  type: string; // a NoteEventType (contract/events.ts); stored as text
  noteId: string;
  version: number;
  time: string; // the event's time
}

export interface ActivityStore {
  /** Records the activity under `owner` once per eventId; returns false when it was already recorded. */
  record(owner: string, activity: Activity): Promise<boolean>;
  /** All activity of `owner`'s note, ordered by time, then eventId (another owner's: none). */
  list(owner: string, noteId: string): Promise<Activity[]>;
}

/** CloudEvents 1.0, JSON format, as published to EventBridge (in `detail`) and Event Grid. */
export interface NoteEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: NoteEventType;
  subject: string; // the note id
  /** Extension attribute (contract/events.ts NOTE_EVENT_OWNER_ATTRIBUTE): whose note it is. */
  owner: string;
  time: string;
  datacontenttype: 'application/json';
  data: NoteEventData;
}

/** created/updated carry the note as committed; deleted carries the last committed note. */
export interface NoteEventData {
  note: Note;
}

/** A committed change as a cloud's change stream reports it, before it becomes an event. */
export interface NoteChange {
  kind: NoteChangeKind;
  /** The note's owner, from the stored item / document. */
  owner: string;
  note: Note;
  /** When the change committed (for deletes: when the delete committed). */
  time: string;
}

export interface EventPublisher {
  /** Publishes all events or throws; callers retry a failed batch (delivery is at least once). */
  publish(events: NoteEvent[]): Promise<void>;
}

export class NoteNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`note ${id} not found`);
    this.name = 'NoteNotFoundError';
  }
}

export class VersionMismatchError extends Error {
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`note ${id} is at version ${actual ?? 'unknown'}, not ${expected}`);
    this.name = 'VersionMismatchError';
  }
}

export class InvalidCursorError extends Error {
  constructor(detail = 'cursor is not valid for this list') {
    super(detail);
    this.name = 'InvalidCursorError';
  }
}

/** The store did not answer (network, throttling, emulator down): the API answers 503. */
export class StoreUnavailableError extends Error {
  constructor(message = 'the store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
