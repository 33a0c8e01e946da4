// The scenario: the same requests, with the same inputs, against both clouds, in this order, each with
// what the contract expects of its answer. Each cloud's note ids differ, so requests name notes by role
// and each cloud fills in its own id.
import * as v from 'valibot';
import { HealthSchema, HelloSchema, NotePageSchema } from '../handlers/core/response-schemas';
import { NAME_MAX } from '../handlers/core/validation';
import { json, methodNotAllowed, noContent, noteAnswer, problem } from './expectation';
import { PAGE_LIMIT, eventsStep, listFollowCursorStep } from './polling-steps';
import { ownerSteps } from './owner-steps';
import { UNKNOWN_ID } from './scenario-state';
import { type Step, requestStep } from './step';

const JSON_TYPE = { 'content-type': 'application/json' };

/** The notes the scenario creates, by role. */
const CREATED = Object.fromEntries(
  ['first', 'second', 'third'].map((nth, i) => {
    const role = `note-${i + 1}`;
    return [role, { title: `compare: ${nth} note`, body: `Written by the compare tool as ${role}.` }];
  }),
) as Record<string, { title: string; body: string }>;
const EDITED = { title: 'compare: first note, edited', body: 'Edited once.' };

function createNote(role: string): Step {
  return requestStep({
    name: `create-${role}`,
    description: `POST /api/notes (${role})`,
    request: () => ({ method: 'POST', path: '/api/notes', body: CREATED[role] }),
    after: (state, exchange) => state.rememberCreated(role, exchange),
    expect: (state) => noteAnswer(201, { ...CREATED[role]!, id: state.ids.get(role), version: 1 }),
  });
}

function deleteNote(name: string, role: string): Step {
  return requestStep({
    name,
    description: `DELETE /api/notes/{${role}}`,
    request: (state) => ({ method: 'DELETE', path: `/api/notes/${state.idOf(role)}` }),
    after: (state, exchange) => state.rememberDeleted(role, exchange),
    expect: () => noContent,
  });
}

const get = (name: string, description: string, path: string, expect: Step['expect']): Step =>
  requestStep({ name, description, request: () => ({ method: 'GET', path }), expect });

const hello = (message: string) => json(200, v.strictObject({ ...HelloSchema.entries, message: v.literal(message) }));

const getNote1 = (name: string, description: string, expect: Step['expect']): Step =>
  requestStep({
    name,
    description,
    request: (s) => ({ method: 'GET', path: `/api/notes/${s.idOf('note-1')}` }),
    expect,
  });

const putNote1 = (
  name: string,
  description: string,
  headers: Record<string, string>,
  body: object,
  expect: Step['expect'],
) =>
  requestStep({
    name,
    description,
    request: (s) => ({ method: 'PUT', path: `/api/notes/${s.idOf('note-1')}`, headers, body }),
    after: (state, exchange) => state.rememberUpdated('note-1', exchange),
    expect,
  });

const postNote = (
  name: string,
  description: string,
  headers: Record<string, string>,
  body: unknown,
  expect: Step['expect'],
) => requestStep({ name, description, request: () => ({ method: 'POST', path: '/api/notes', headers, body }), expect });

export const SCENARIO: readonly Step[] = [
  get('hello', 'GET /api/hello', '/api/hello', () => hello('Hello, world!')),
  get('hello-name', 'GET /api/hello?name=Ada', '/api/hello?name=Ada', () => hello('Hello, Ada!')),
  get(
    'hello-name-too-long',
    `GET /api/hello?name=<${NAME_MAX + 1} chars> → 400`,
    `/api/hello?name=${'n'.repeat(NAME_MAX + 1)}`,
    () => problem(400, 'name'),
  ),
  get('health', 'GET /api/health', '/api/health', () => json(200, HealthSchema)),
  createNote('note-1'),
  getNote1('get', 'GET /api/notes/{note-1}', (s) =>
    noteAnswer(200, { ...CREATED['note-1']!, id: s.idOf('note-1'), version: 1 }),
  ),
  createNote('note-2'),
  createNote('note-3'),
  get('list-first-page', `GET /api/notes?limit=${PAGE_LIMIT}`, `/api/notes?limit=${PAGE_LIMIT}`, () =>
    // Other runs' notes may be listed: the page's shape and size, not its notes.
    json(
      200,
      v.pipe(
        NotePageSchema,
        v.check((page) => page.items.length <= PAGE_LIMIT, `at most ${PAGE_LIMIT} items`),
      ),
    ),
  ),
  listFollowCursorStep(CREATED),
  putNote1('update', 'PUT /api/notes/{note-1} If-Match: "1"', { 'if-match': '"1"' }, EDITED, (s) =>
    noteAnswer(200, { ...EDITED, id: s.idOf('note-1'), version: 2 }),
  ),
  putNote1(
    'update-stale-if-match',
    'PUT with the old If-Match: "1" → 412',
    { 'if-match': '"1"' },
    { title: 'lost update', body: 'Must not be written.' },
    () => problem(412),
  ),
  putNote1(
    'update-without-if-match',
    'PUT without If-Match → 428',
    {},
    { title: 'blind overwrite', body: 'Must not be written.' },
    () => problem(428),
  ),
  getNote1('get-after-update', 'GET /api/notes/{note-1} (version 2)', (s) =>
    noteAnswer(200, { ...EDITED, id: s.idOf('note-1'), version: 2 }),
  ),
  // A second user, and no token or a forged one, while A's three notes exist (note-1 at version 2).
  ...ownerSteps({ roles: Object.keys(CREATED), note1: { ...EDITED, version: 2 } }),
  postNote('error-bad-json', 'POST /api/notes with broken JSON → 400', JSON_TYPE, '{"title": "unfinished",', () =>
    problem(400),
  ),
  postNote(
    'error-validation',
    'POST /api/notes with invalid fields → 400',
    {},
    { title: '', body: 42, colour: 'red' },
    () => problem(400, 'title', 'body', 'colour'),
  ),
  postNote(
    'error-unsupported-media-type',
    'POST /api/notes as text/plain → 415',
    { 'content-type': 'text/plain' },
    'title=plain',
    () => problem(415),
  ),
  // Well over the app's body limit (docs/ARCHITECTURE.md) and far under both front doors' own limits.
  postNote(
    'error-body-too-large',
    'POST /api/notes with a 128 KiB body → 413',
    {},
    { title: 'too large', body: 'x'.repeat(128 * 1024) },
    () => problem(413),
  ),
  get('error-unknown-id', 'GET /api/notes/{unknown id} → 404', `/api/notes/${UNKNOWN_ID}`, () => problem(404)),
  get('error-not-an-id', 'GET /api/notes/not-an-id → 404', '/api/notes/not-an-id', () => problem(404)),
  get('error-unknown-route', 'GET /api/no-such-route → 404', '/api/no-such-route', () => problem(404)),
  requestStep({
    name: 'error-method-not-allowed',
    description: 'PATCH /api/notes → 405 + Allow',
    request: () => ({ method: 'PATCH', path: '/api/notes' }),
    expect: () => methodNotAllowed('/api/notes'),
  }),
  get('error-bad-limit', 'GET /api/notes?limit=0 → 400', '/api/notes?limit=0', () => problem(400, 'limit')),
  get('error-bad-cursor', 'GET /api/notes?cursor=not-a-cursor! → 400', '/api/notes?cursor=not-a-cursor!', () =>
    problem(400, 'cursor'),
  ),
  deleteNote('delete', 'note-1'),
  getNote1('get-after-delete', 'GET /api/notes/{note-1} after delete → 404', () => problem(404)),
  requestStep({
    name: 'delete-again',
    description: 'DELETE /api/notes/{note-1} again → 404',
    request: (s) => ({ method: 'DELETE', path: `/api/notes/${s.idOf('note-1')}` }),
    after: (state, exchange) => state.rememberDeleted('note-1', exchange),
    expect: () => problem(404),
  }),
  deleteNote('delete-note-2', 'note-2'),
  deleteNote('delete-note-3', 'note-3'),
  // Last, so every write of the scenario (deletes included) has had its event.
  eventsStep,
];
