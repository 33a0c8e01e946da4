// The subscriber's whole job, whichever bus delivered the event: record it once per event id.
import type { Activity, ActivityStore, NoteEvent } from './ports';

/** What the activity shows of an event (GET /api/notes/{id}/activity). */
export function activityOf(event: NoteEvent): Activity {
  return {
    eventId: event.id,
    type: event.type,
    noteId: event.subject,
    version: event.data.note.version,
    // One canonical spelling (UTC, milliseconds), so activity sorts by time as text on every store.
    time: new Date(event.time).toISOString(),
  };
}

/** Records the event as the note's activity, under its owner; false when this event id was already recorded. */
export function recordNoteEvent(event: NoteEvent, activity: ActivityStore): Promise<boolean> {
  return activity.record(event.owner, activityOf(event));
}
