// The response schemas the compare tool judges clouds by: the app's own answers pass them, and an answer
// that strays from the contract does not (so a schema that accepts anything would fail here).
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import * as v from 'valibot';
import { createApp } from '../../handlers/core/app';
import { changeToEvent } from '../../handlers/core/events';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import {
  ActivityListSchema,
  HealthSchema,
  HelloSchema,
  NotePageSchema,
  NoteResponseSchema,
  ProblemSchema,
} from '../../handlers/core/response-schemas';
import { recordNoteEvent } from '../../handlers/core/subscriber';

const activity = new MemoryActivityStore();
const app = createApp({ auth: noSignIn(), notes: new MemoryNoteStore(), activity, servedBy: 'local-aws' });
const call = async (path: string, init?: RequestInit) => (await app.request(path, init)).json() as Promise<unknown>;
const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

test('the app’s own answers pass their schemas', async () => {
  expect(v.is(HelloSchema, await call('/api/hello?name=Ada'))).toBe(true);
  expect(v.is(HealthSchema, await call('/api/health'))).toBe(true);
  const note = (await call('/api/notes', post({ title: 't', body: 'b' }))) as v.InferOutput<typeof NoteResponseSchema>;
  expect(v.parse(NoteResponseSchema, note)).toEqual(note);
  expect(v.is(NotePageSchema, await call('/api/notes?limit=1'))).toBe(true);
  await recordNoteEvent(changeToEvent({ owner: OWNER, kind: 'created', note, time: note.createdAt }), activity);
  const listed = (await call(`/api/notes/${note.id}/activity`)) as { items: unknown[] };
  expect(listed.items).toHaveLength(1);
  expect(v.is(ActivityListSchema, listed)).toBe(true);
  for (const problem of [
    await call('/api/nope'),
    await call('/api/notes', post({ title: '' })),
    await call('/api/notes?limit=0'),
  ]) {
    expect(v.parse(ProblemSchema, problem)).toEqual(problem);
  }
});

test('answers that stray from the contract fail their schemas', async () => {
  const note = {
    id: '019ab000-0000-7000-8000-00000000aaaa',
    title: 't',
    body: 'b',
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    version: 1,
  };
  expect(v.is(NoteResponseSchema, note)).toBe(true);
  expect(v.is(NoteResponseSchema, { ...note, id: note.id.toUpperCase() })).toBe(false);
  expect(v.is(NoteResponseSchema, { ...note, updatedAt: '2026-11-25T10:00:00Z' })).toBe(false);
  expect(v.is(NoteResponseSchema, { ...note, version: 0 })).toBe(false);
  expect(v.is(NoteResponseSchema, { ...note, cloud: 'aws' })).toBe(false);
  expect(v.is(NotePageSchema, { items: [note], nextCursor: '' })).toBe(false);
  expect(v.is(HealthSchema, { ok: true })).toBe(false);
  expect(v.is(HelloSchema, { ok: true })).toBe(false);
  const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' };
  expect(v.is(ProblemSchema, problem)).toBe(true);
  expect(v.is(ProblemSchema, { ...problem, title: 'Missing' })).toBe(false);
  expect(v.is(ProblemSchema, { ...problem, detail: '' })).toBe(false);
  expect(
    v.is(ActivityListSchema, {
      items: [{ eventId: 'e', type: 'com.example.note.moved', noteId: note.id, version: 1, time: note.createdAt }],
    }),
  ).toBe(false);
});
