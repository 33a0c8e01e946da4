// Core's part of the odd-requests table (docs/ARCHITECTURE.md, "Odd requests"): races between writes,
// a duplicated Content-Type, HEAD's Content-Length, and the reason on every refusal's log line.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import type { Note } from '../../handlers/core/ports';
import { expectProblem, harness, sendJson } from './app-harness';

async function created(app: ReturnType<typeof harness>['app']): Promise<Note> {
  return (await (await app.request('/api/notes', sendJson('POST', { title: 't', body: '' }))).json()) as Note;
}

/** Lets another writer update the note between the route's read and its conditional write, `times` times. */
function raceReplaces(h: ReturnType<typeof harness>, times: number): void {
  const replace = h.notes.replace.bind(h.notes);
  let left = times;
  h.notes.replace = async (owner, next, expected) => {
    if (left-- > 0) {
      const current = (await h.notes.inner.get(OWNER, next.id))!;
      await h.notes.inner.replace(
        OWNER,
        { ...current, title: 'winner', version: current.version + 1 },
        current.version,
      );
    }
    return replace(owner, next, expected);
  };
}

describe('a PUT that loses a race to another update', () => {
  it('with If-Match: * reads again and writes over the winner, as if it came just after it', async () => {
    const h = harness();
    const note = await created(h.app);
    raceReplaces(h, 2);
    const res = await h.app.request(
      `/api/notes/${note.id}`,
      sendJson('PUT', { title: 'late', body: '' }, { 'if-match': '*' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"4"');
    expect(await h.notes.inner.get(OWNER, note.id)).toMatchObject({ title: 'late', version: 4 });
  });

  it('with the version it read is 412 and leaves the winner', async () => {
    const h = harness();
    const note = await created(h.app);
    raceReplaces(h, 1);
    await expectProblem(
      await h.app.request(`/api/notes/${note.id}`, sendJson('PUT', { title: 'late', body: '' }, { 'if-match': '"1"' })),
      412,
    );
    expect(await h.notes.inner.get(OWNER, note.id)).toMatchObject({ title: 'winner', version: 2 });
  });

  it('with If-Match: * gives up with 412 after a bounded run of lost races', async () => {
    const h = harness();
    const note = await created(h.app);
    raceReplaces(h, 1_000);
    await expectProblem(
      await h.app.request(`/api/notes/${note.id}`, sendJson('PUT', { title: 'late', body: '' }, { 'if-match': '*' })),
      412,
    );
    expect(h.notes.calls.filter((call) => call === 'replace').length).toBeLessThan(10);
  });
});

it('a Content-Type sent twice (joined with "," or ", ") is 415 with one detail, and nothing is stored', async () => {
  const h = harness();
  const details = [];
  for (const type of ['application/json,application/json', 'application/json, application/json']) {
    const res = await h.app.request('/api/notes', {
      method: 'POST',
      headers: { 'content-type': type },
      body: '{"title":"t","body":""}',
    });
    details.push((await expectProblem(res, 415)).detail);
  }
  expect(details[0]).toBe(details[1]);
  expect(h.notes.calls).not.toContain('create');
});

it('HEAD says how long the GET body is', async () => {
  const { app } = harness();
  const note = await created(app);
  const get = await app.request(`/api/notes/${note.id}`);
  const head = await app.request(`/api/notes/${note.id}`, { method: 'HEAD' });
  expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength));
  const refused = await app.request('/api/notes/nope', { method: 'HEAD' });
  expect(refused.headers.get('content-length')).toBe(
    String((await (await app.request('/api/notes/nope')).arrayBuffer()).byteLength),
  );
});

it('logs every refusal with its reason, and no reason on a success', async () => {
  const h = harness();
  await h.app.request('/api/hello');
  await h.app.request('/api/notes/nope');
  await h.app.request('/api/notes', { method: 'DELETE' });
  expect(h.requests.map((entry) => [entry.status, entry.reason])).toEqual([
    [200, undefined],
    [404, 'No note has the id "nope": note ids are lower-case UUIDs.'],
    [405, 'DELETE is not allowed here; use GET, HEAD, POST.'],
  ]);
});
