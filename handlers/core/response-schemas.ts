// The bodies the HTTP contract promises (docs/ARCHITECTURE.md), as valibot schemas. The app builds its
// answers from its own types; these are checked against those types below, and the compare tool judges
// every cloud's answers by them.
import * as v from 'valibot';
import { NOTE_EVENT_TYPES } from '../../contract/events';
import { isNoteId } from './ids';
import type { Activity, Note, NotePage } from './ports';
import { HEALTHY } from './present';
import { type Problem, reasonPhrase } from './problem';
import { MAX_REPORTED_ERRORS } from './validation';

// Every time the API returns went through toISOString(): UTC, milliseconds.
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const isIsoUtcMillis = (s: unknown): s is string =>
  typeof s === 'string' && ISO_UTC_MS.test(s) && !Number.isNaN(Date.parse(s));

const noteId = v.pipe(
  v.string(),
  v.check((s: string) => isNoteId(s), 'must be a lower-case UUID'),
);
const time = v.pipe(
  v.string(),
  v.check((s: string) => isIsoUtcMillis(s), 'must be a UTC time with milliseconds (toISOString)'),
);
const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const nonEmpty = v.pipe(v.string(), v.minLength(1));

export const NoteResponseSchema = v.strictObject({
  id: noteId,
  title: v.string(),
  body: v.string(),
  createdAt: time,
  updatedAt: time,
  version,
});

export const NotePageSchema = v.strictObject({ items: v.array(NoteResponseSchema), nextCursor: v.optional(nonEmpty) });

export const ActivitySchema = v.strictObject({
  eventId: nonEmpty,
  type: v.picklist(NOTE_EVENT_TYPES),
  noteId,
  version,
  time,
});

export const ActivityListSchema = v.strictObject({ items: v.array(ActivitySchema) });

export const HelloSchema = v.strictObject({ message: v.string() });

export const HealthSchema = v.strictObject({ status: v.literal(HEALTHY.status) });

export const ProblemSchema = v.pipe(
  v.strictObject({
    type: v.literal('about:blank'),
    title: v.string(),
    status: v.pipe(v.number(), v.integer()),
    detail: nonEmpty,
    errors: v.optional(
      v.pipe(v.array(v.strictObject({ path: v.string(), message: v.string() })), v.maxLength(MAX_REPORTED_ERRORS)),
    ),
  }),
  v.check((p) => p.title === reasonPhrase(p.status), 'title must be the reason phrase of its status'),
);

// Compile-time: what a schema accepts is a value of the app's own type, so the two cannot drift apart.
type Accepts<S extends v.GenericSchema, T> = v.InferOutput<S> extends T ? true : false;
true satisfies Accepts<typeof NoteResponseSchema, Note>;
true satisfies Accepts<typeof NotePageSchema, NotePage>;
true satisfies Accepts<typeof ActivitySchema, Activity>;
true satisfies Accepts<typeof ProblemSchema, Problem>;
