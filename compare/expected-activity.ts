// The activity a write must leave: core's own changeToEvent and activityOf applied to the note as the
// cloud answered the write. So the event's id, type, subject and data.note.version are judged as the
// contract makes them; its time is the cloud's, so only its shape is. (The subscriber records only events
// that pass parseNoteEvent, so an event with another source or malformed data shows up as missing.)
import * as v from 'valibot';
import { changeToEvent } from '../handlers/core/events';
import type { Activity } from '../handlers/core/ports';
import { ActivitySchema } from '../handlers/core/response-schemas';
import { activityOf } from '../handlers/core/subscriber';
import type { SeenWrite } from './scenario-state';

// Any valid time: activityOf re-spells it, and it is not judged.
const ANY_TIME = new Date(0).toISOString();

export function expectedActivity(write: SeenWrite): Omit<Activity, 'time'> {
  const { time: _time, ...fields } = activityOf(changeToEvent({ kind: write.kind, note: write.note, time: ANY_TIME }));
  return fields;
}

/** The activity item of `write`: every field exact but the time. */
export function activityShape(write: SeenWrite) {
  const expected = expectedActivity(write);
  return v.strictObject({
    ...ActivitySchema.entries,
    eventId: v.literal(expected.eventId),
    type: v.literal(expected.type),
    noteId: v.literal(expected.noteId),
    version: v.literal(expected.version),
  });
}
