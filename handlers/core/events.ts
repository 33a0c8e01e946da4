// Committed note changes as CloudEvents 1.0 (docs/ARCHITECTURE.md, "Events").
import * as v from 'valibot';
import { NOTE_CHANGE_KINDS, NOTE_EVENT_SOURCE, NOTE_EVENT_TYPES, noteEventType } from '../../contract/events';
import { isNoteId } from './ids';
import type { NoteChange, NoteEvent } from './ports';
import { presentNote } from './present';

/** The event for a change. Its id comes from the change, so a re-published change keeps its id. */
export function changeToEvent(change: NoteChange): NoteEvent {
  const { note, kind } = change;
  return {
    specversion: '1.0',
    id: `${note.id}.v${note.version}.${kind}`,
    source: NOTE_EVENT_SOURCE,
    type: noteEventType(kind),
    subject: note.id,
    owner: change.owner,
    time: change.time,
    datacontenttype: 'application/json',
    data: { note: presentNote(note) },
  };
}

// RFC 3339 date-time, as CloudEvents requires for `time`.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;
function isRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.parse rolls 2026-02-31 over to March: check the day exists in its month.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
const timestamp = (field: string) =>
  v.pipe(v.string(`${field} must be a string`), v.check(isRfc3339, `${field} must be an RFC 3339 timestamp`));
const noteId = (field: string) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.check((s: string) => isNoteId(s), `${field} must be a note id`),
  );

/**
 * Names a missing attribute by its path from the event; otherwise the object itself is wrong.
 * (valibot only knows the last path key when it builds the message, hence the explicit prefix.)
 */
const objectMessage =
  (where: string) =>
  (issue: v.ObjectIssue): string => {
    const key = issue.path?.[issue.path.length - 1]?.key;
    if (key === undefined || issue.input !== undefined) return `${where || 'the event'} must be an object`;
    return `${where ? `${where}.` : ''}${String(key)} is required`;
  };

const NoteSchema = v.object(
  {
    id: noteId('data.note.id'),
    title: v.string('data.note.title must be a string'),
    body: v.string('data.note.body must be a string'),
    createdAt: timestamp('data.note.createdAt'),
    updatedAt: timestamp('data.note.updatedAt'),
    version: v.pipe(
      v.number('data.note.version must be a number'),
      v.integer('data.note.version must be an integer'),
      v.minValue(1, 'data.note.version must be at least 1'),
    ),
  },
  objectMessage('data.note'),
);

// Unknown CloudEvents extension attributes are allowed (and dropped): buses may add their own.
const NoteEventSchema = v.pipe(
  v.object(
    {
      specversion: v.literal('1.0', 'specversion must be "1.0"'),
      id: v.pipe(v.string('id must be a string'), v.minLength(1, 'id must not be empty')),
      source: v.literal(NOTE_EVENT_SOURCE, `source must be "${NOTE_EVENT_SOURCE}"`),
      type: v.picklist(
        NOTE_EVENT_TYPES,
        `type must be ${NOTE_EVENT_TYPES[0]}, ${NOTE_CHANGE_KINDS.slice(1).join(' or ')}`,
      ),
      subject: noteId('subject'),
      owner: v.pipe(v.string('owner must be a string'), v.minLength(1, 'owner must not be empty')),
      time: timestamp('time'),
      datacontenttype: v.literal('application/json', 'datacontenttype must be "application/json"'),
      data: v.object({ note: NoteSchema }, objectMessage('data')),
    },
    objectMessage(''),
  ),
  v.check((e) => e.subject === e.data.note.id, 'subject must be the id of data.note'),
);

export class InvalidNoteEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`not a note event: ${problems.join('; ')}`);
    this.name = 'InvalidNoteEventError';
  }
}

/** A received CloudEvent, checked; InvalidNoteEventError says everything that is wrong with it. */
export function parseNoteEvent(input: unknown): NoteEvent {
  // valibot's object() accepts arrays; a batch here means an adapter forgot to split it.
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidNoteEventError(['the event must be a JSON object']);
  }
  const result = v.safeParse(NoteEventSchema, input, { abortEarly: false });
  if (result.success) return { ...result.output, data: { note: presentNote(result.output.data.note) } };
  throw new InvalidNoteEventError(result.issues.slice(0, 10).map((i) => i.message));
}
