// The handler work every peer does, written once, framework-free: each route takes the request's parts
// ({ owner, query, headers, body, id }; the owner from the token check) and answers { status, headers, body }; each peer only routes, runs the
// token check as its own middleware and maps this to its response type. Same routes, rules and
// DynamoDB calls as ours (handlers/core/notes-routes.ts), so a peer's size and time buy the same work.
import { etagOf } from '../../../handlers/core/if-match.ts';
import { newNoteId } from '../../../handlers/core/ids.ts';
import { HEALTHY, presentActivity, presentNote } from '../../../handlers/core/present.ts';
import { PeerProblem } from './peer-problem.mjs';
import { helloQuery, ifMatchOf, listQuery, noteId, noteInput } from './peer-input.mjs';
import * as store from './peer-store.mjs';
import { PEER_ROUTES } from './routes.ts';

// The answer of any error, from the same module as the PeerProblem class the routes throw.
export { problemOf } from './peer-problem.mjs';

const json = (status, body, headers = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const noteAnswer = (status, note, headers = {}) =>
  json(status, presentNote(note), { etag: etagOf(note.version), ...headers });

async function replace({ owner, id, headers, body }) {
  const noteIdValue = noteId(id);
  const input = noteInput(headers['content-type'], body);
  const ifMatch = ifMatchOf(headers['if-match']);
  if (ifMatch.kind === 'absent')
    throw new PeerProblem(
      428,
      'Send If-Match with the version you are replacing (from the ETag), or * for any version.',
    );
  const current = await store.getNote(owner, noteIdValue);
  if (!current) throw new PeerProblem(404, `Note ${noteIdValue} does not exist.`);
  const expected = ifMatch.kind === 'version' ? ifMatch.version : current.version;
  return noteAnswer(200, await store.updateNote(owner, noteIdValue, input, expected, new Date().toISOString()));
}

/** The work of each route of PEER_ROUTES, by "METHOD path". */
const WORK = {
  'GET /api/hello': async ({ query }) => json(200, { message: `Hello, ${helloQuery(query).name || 'world'}!` }),
  'GET /api/health': async () => {
    await store.ping();
    return json(200, HEALTHY);
  },
  'GET /api/notes': async ({ owner, query }) => {
    const { limit, cursor } = listQuery(query);
    const page = await store.listNotes(owner, limit, cursor);
    return json(200, { ...page, items: page.items.map(presentNote) });
  },
  'POST /api/notes': async ({ owner, headers, body }) => {
    const input = noteInput(headers['content-type'], body);
    const time = new Date().toISOString();
    const note = {
      id: newNoteId(),
      title: input.title,
      body: input.body,
      createdAt: time,
      updatedAt: time,
      version: 1,
    };
    await store.createNote(owner, note);
    return noteAnswer(201, note, { location: `/api/notes/${note.id}` });
  },
  'GET /api/notes/{id}': async ({ owner, id }) => {
    const note = await store.getNote(owner, noteId(id));
    if (!note) throw new PeerProblem(404, `Note ${id} does not exist.`);
    return noteAnswer(200, note);
  },
  'PUT /api/notes/{id}': replace,
  'DELETE /api/notes/{id}': async ({ owner, id, headers }) => {
    const ifMatch = ifMatchOf(headers['if-match']);
    await store.deleteNote(owner, noteId(id), ifMatch.kind === 'version' ? ifMatch.version : undefined);
    return { status: 204, headers: {}, body: undefined };
  },
  'GET /api/notes/{id}/activity': async ({ owner, id }) =>
    json(200, { items: (await store.listActivity(owner, noteId(id))).map(presentActivity) }),
};

/** The routes with their work: what each peer registers in its own router. */
export const ROUTES = PEER_ROUTES.map((route) => ({ ...route, work: WORK[`${route.method} ${route.path}`] }));

const patterns = ROUTES.map((r) => ({ ...r, pattern: new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}/?$`) }));

/** What a request no route takes gets: 405 + Allow on a known path, else 404. */
export function noRoute(method, path) {
  const allow = [...new Set(patterns.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  if (allow.length === 0) return new PeerProblem(404, `There is no route ${method} ${String(path).slice(0, 200)}.`);
  return new PeerProblem(405, `${method} is not allowed here; use ${allow.join(', ')}.`, {
    headers: { allow: allow.join(', ') },
  });
}
