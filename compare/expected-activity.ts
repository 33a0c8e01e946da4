// The activity a write must leave: core's own changeToEvent and activityOf applied to the note as the
// cloud answered the write. So the event's id, type, subject and data.note.version are judged as the
// contract makes them; its time is the cloud's, so only its shape is. (The subscriber records only events
// that pass parseNoteEvent, so an event with another source or malformed data shows up as missing.)
import * as v from 'valibot';
import { changeToEvent } from '../handlers/core/events';
import type { Activity } from '../handlers/core/ports';
import { ActivitySchema } from '../handlers/core/response-schemas';
import { activityOf } from '../handlers/core/subscriber';
import { show } from './compare-values';
import type { SeenWrite } from './scenario-state';

// Any valid time: activityOf re-spells it, and it is not judged.
const ANY_TIME = new Date(0).toISOString();
// The activity does not show the owner.
const ANY_OWNER = 'anonymous';

export function expectedActivity(write: SeenWrite): Omit<Activity, 'time'> {
  const { time: _time, ...fields } = activityOf(
    changeToEvent({ kind: write.kind, owner: ANY_OWNER, note: write.note, time: ANY_TIME }),
  );
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

const eventIdOf = (item: unknown) => (item as { eventId?: unknown } | null)?.eventId;

/** Activity items that hold each write's event exactly once, as the contract makes it, in the order of
 *  the writes; each missing, malformed, extra or misplaced event is its own issue. */
export function activityOfWrites(writes: readonly SeenWrite[]) {
  return v.pipe(
    v.array(v.unknown()),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const items = dataset.value;
      const expectedIds = new Set<unknown>();
      const positions: number[] = [];
      for (const write of writes) {
        const expected = expectedActivity(write);
        expectedIds.add(expected.eventId);
        const what = `the ${expected.type} event of ${write.role} (version ${expected.version})`;
        const index = items.findIndex((item) => eventIdOf(item) === expected.eventId);
        if (index < 0) {
          addIssue({ expected: what, received: 'none', message: `${what} is missing` });
        } else if (!v.is(activityShape(write), items[index])) {
          // Only the fields that are wrong, when those explain it (else the whole item: a bad time, an extra key).
          const item = items[index] as Record<string, unknown>;
          const wrong = Object.fromEntries(Object.entries(expected).filter(([key, value]) => item[key] !== value));
          const received = show(
            Object.keys(wrong).length > 0
              ? Object.fromEntries(Object.keys(wrong).map((key) => [key, item[key]]))
              : item,
          );
          addIssue({
            expected: `${what}: ${JSON.stringify(expected)} and a time`,
            received,
            message: `${what} is malformed`,
          });
        } else {
          positions.push(index);
        }
      }
      const seen = new Set<unknown>();
      for (const item of items) {
        const id = eventIdOf(item);
        if (!expectedIds.has(id) || seen.has(id)) {
          addIssue({
            expected: "only the events of this run's writes, each once",
            received: show(item),
            message: 'an event too many',
          });
        }
        seen.add(id);
      }
      if (positions.some((position, i) => i > 0 && position < positions[i - 1]!)) {
        const order = positions.map((p) => eventIdOf(items[p])).join(', ');
        addIssue({
          expected: 'each note’s events in the order of its writes',
          received: order,
          message: 'events out of order',
        });
      }
    }),
  );
}
