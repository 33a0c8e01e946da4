// The subscriber's whole job, whichever bus delivered the event: record it once per event id.
import type { ActivityStore, NoteEvent } from './ports';

/** Records the event as the note's activity; false when this event id was already recorded. */
export function recordNoteEvent(event: NoteEvent, activity: ActivityStore): Promise<boolean> {
  return activity.record({
    eventId: event.id,
    type: event.type,
    noteId: event.subject,
    version: event.data.note.version,
    // One canonical spelling (UTC, milliseconds), so activity sorts by time as text on every store.
    time: new Date(event.time).toISOString(),
  });
}
