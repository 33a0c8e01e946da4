// The scenario: the same requests, with the same inputs, against both clouds, in this order. Each
// cloud's note ids differ, so requests name notes by role and each cloud fills in its own id.
import { eventsStep, listFollowCursorStep } from './polling-steps';
import { UNKNOWN_ID } from './scenario-state';
import { type Step, requestStep } from './step';

const JSON_TYPE = { 'content-type': 'application/json' };

function createNote(role: string, title: string): Step {
  return requestStep(
    `create-${role}`,
    `POST /api/notes (${role})`,
    () => ({ method: 'POST', path: '/api/notes', body: { title, body: `Written by the compare tool as ${role}.` } }),
    (state, exchange) => state.rememberCreated(role, exchange),
  );
}

function deleteNote(name: string, role: string): Step {
  return requestStep(
    name,
    `DELETE /api/notes/{${role}}`,
    (state) => ({ method: 'DELETE', path: `/api/notes/${state.idOf(role)}` }),
    (state, exchange) => state.rememberDeleted(role, exchange),
  );
}

const get = (name: string, description: string, path: string): Step =>
  requestStep(name, description, () => ({ method: 'GET', path }));

export const SCENARIO: readonly Step[] = [
  get('hello', 'GET /api/hello', '/api/hello'),
  get('hello-name', 'GET /api/hello?name=Ada', '/api/hello?name=Ada'),
  get('hello-name-too-long', 'GET /api/hello?name=<101 chars> → 400', `/api/hello?name=${'n'.repeat(101)}`),
  get('health', 'GET /api/health', '/api/health'),
  createNote('note-1', 'compare: first note'),
  requestStep('get', 'GET /api/notes/{note-1}', (s) => ({ method: 'GET', path: `/api/notes/${s.idOf('note-1')}` })),
  createNote('note-2', 'compare: second note'),
  createNote('note-3', 'compare: third note'),
  get('list-first-page', 'GET /api/notes?limit=2', '/api/notes?limit=2'),
  listFollowCursorStep,
  requestStep('update', 'PUT /api/notes/{note-1} If-Match: "1"', (s) => ({
    method: 'PUT',
    path: `/api/notes/${s.idOf('note-1')}`,
    headers: { 'if-match': '"1"' },
    body: { title: 'compare: first note, edited', body: 'Edited once.' },
  })),
  requestStep('update-stale-if-match', 'PUT with the old If-Match: "1" → 412', (s) => ({
    method: 'PUT',
    path: `/api/notes/${s.idOf('note-1')}`,
    headers: { 'if-match': '"1"' },
    body: { title: 'lost update', body: 'Must not be written.' },
  })),
  requestStep('update-without-if-match', 'PUT without If-Match → 428', (s) => ({
    method: 'PUT',
    path: `/api/notes/${s.idOf('note-1')}`,
    body: { title: 'blind overwrite', body: 'Must not be written.' },
  })),
  requestStep('get-after-update', 'GET /api/notes/{note-1} (version 2)', (s) => ({
    method: 'GET',
    path: `/api/notes/${s.idOf('note-1')}`,
  })),
  requestStep('error-bad-json', 'POST /api/notes with broken JSON → 400', () => ({
    method: 'POST',
    path: '/api/notes',
    headers: JSON_TYPE,
    body: '{"title": "unfinished",',
  })),
  requestStep('error-validation', 'POST /api/notes with invalid fields → 400', () => ({
    method: 'POST',
    path: '/api/notes',
    body: { title: '', body: 42, colour: 'red' },
  })),
  requestStep('error-unsupported-media-type', 'POST /api/notes as text/plain → 415', () => ({
    method: 'POST',
    path: '/api/notes',
    headers: { 'content-type': 'text/plain' },
    body: 'title=plain',
  })),
  // Well over the app's body limit (docs/ARCHITECTURE.md) and far under both front doors' own limits.
  requestStep('error-body-too-large', 'POST /api/notes with a 128 KiB body → 413', () => ({
    method: 'POST',
    path: '/api/notes',
    body: { title: 'too large', body: 'x'.repeat(128 * 1024) },
  })),
  get('error-unknown-id', 'GET /api/notes/{unknown id} → 404', `/api/notes/${UNKNOWN_ID}`),
  get('error-not-an-id', 'GET /api/notes/not-an-id → 404', '/api/notes/not-an-id'),
  get('error-unknown-route', 'GET /api/no-such-route → 404', '/api/no-such-route'),
  requestStep('error-method-not-allowed', 'PATCH /api/notes → 405 + Allow', () => ({ method: 'PATCH', path: '/api/notes' })),
  get('error-bad-limit', 'GET /api/notes?limit=0 → 400', '/api/notes?limit=0'),
  get('error-bad-cursor', 'GET /api/notes?cursor=not-a-cursor! → 400', '/api/notes?cursor=not-a-cursor!'),
  deleteNote('delete', 'note-1'),
  requestStep('get-after-delete', 'GET /api/notes/{note-1} after delete → 404', (s) => ({
    method: 'GET',
    path: `/api/notes/${s.idOf('note-1')}`,
  })),
  deleteNote('delete-again', 'note-1'),
  eventsStep,
  deleteNote('delete-note-2', 'note-2'),
  deleteNote('delete-note-3', 'note-3'),
];
