import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { isNoteId } from '../../handlers/core/ids';
import type { Note } from '../../handlers/core/ports';
import { FIXED_NOW, JSON_TYPE, expectProblem, harness, sendJson } from './app-harness';

async function createNote(app: ReturnType<typeof harness>['app'], title = 'first', body = 'text') {
  const res = await app.request('/api/notes', sendJson('POST', { title, body }));
  expect(res.status).toBe(201);
  return (await res.json()) as Note;
}

describe('POST /api/notes', () => {
  it('creates a note: 201, Location, ETag "1" and the note', async () => {
    const { app } = harness();
    const res = await app.request('/api/notes', sendJson('POST', { title: 'Shopping', body: 'milk' }));
    expect(res.status).toBe(201);
    const note = (await res.json()) as Note;
    expect(isNoteId(note.id)).toBe(true);
    expect(note).toEqual({
      id: note.id,
      title: 'Shopping',
      body: 'milk',
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
      version: 1,
    });
    expect(Object.keys(note)).toEqual(['id', 'title', 'body', 'createdAt', 'updatedAt', 'version']);
    expect(res.headers.get('location')).toBe(`/api/notes/${note.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const got = await app.request(res.headers.get('location')!);
    expect(await got.json()).toEqual(note);
  });

  it.each(['application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', 'application/json;charset=utf8'])(
    'accepts the media type %j',
    async (type) => {
      const { app } = harness();
      const res = await app.request('/api/notes', {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"title":"t","body":""}',
      });
      expect(res.status).toBe(201);
    },
  );

  it('counts characters as code points: 200 emoji make a valid title', async () => {
    const { app } = harness();
    const res = await app.request('/api/notes', sendJson('POST', { title: '🥕'.repeat(200), body: '' }));
    expect(res.status).toBe(201);
  });
});

describe('POST /api/notes errors (checked in the contract order)', () => {
  it.each([
    ['no content type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['application/jsonx', { 'content-type': 'application/jsonx' }],
    ['a charset other than UTF-8', { 'content-type': 'application/json; charset=iso-8859-1' }],
  ])('415 for %s, even with an oversized body', async (_label, headers) => {
    const { app, notes } = harness();
    const res = await app.request('/api/notes', { method: 'POST', headers, body: 'x'.repeat(70_000) });
    const problem = await expectProblem(res, 415);
    expect(problem.title).toBe('Unsupported Media Type');
    expect(notes.calls).toEqual([]);
  });

  it('413 for a body over 64 KiB without Content-Length', async () => {
    const { app, notes } = harness();
    const body = JSON.stringify({ title: 't', body: 'x'.repeat(70_000) });
    const res = await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body });
    const problem = await expectProblem(res, 413);
    expect(problem.detail).toContain('64 KiB');
    expect(notes.calls).toEqual([]);
  });

  it('413 for a body over 64 KiB announced by Content-Length', async () => {
    const { app, notes } = harness();
    const body = JSON.stringify({ title: 't', body: 'x'.repeat(70_000) });
    const res = await app.request('/api/notes', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    await expectProblem(res, 413);
    expect(notes.calls).toEqual([]);
  });

  it('413 when Content-Length understates the body', async () => {
    const { app, notes } = harness();
    const body = JSON.stringify({ title: 't', body: 'x'.repeat(70_000) });
    const res = await app.request('/api/notes', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-length': '20' },
      body,
    });
    await expectProblem(res, 413);
    expect(notes.calls).toEqual([]);
  });

  it('accepts the largest valid note (10 000 four-byte characters and a 200-character title)', async () => {
    const { app } = harness();
    const note = { title: '😀'.repeat(200), body: '😀'.repeat(10_000) };
    const res = await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(note) });
    expect(res.status).toBe(201);
  });

  it('accepts a body of exactly 64 KiB and refuses one byte more with 413', async () => {
    const { app, notes } = harness();
    // Padding spaces are valid JSON: the limit is on bytes, before the content is validated.
    const json = JSON.stringify({ title: 't', body: 'b' });
    const exact = json + ' '.repeat(64 * 1024 - Buffer.byteLength(json));
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    expect((await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body: exact })).status).toBe(201);
    await expectProblem(
      await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body: `${exact} ` }),
      413,
    );
    expect(notes.calls).toEqual(['create']);
  });

  it.each([
    ['an empty body', ''],
    ['truncated JSON', '{"title":"t",'],
    ['a bare word', 'hello'],
  ])('400 for %s', async (_label, body) => {
    const { app, notes } = harness();
    const problem = await expectProblem(
      await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body }),
      400,
    );
    expect(problem.detail).toMatch(/JSON|empty/);
    expect(notes.calls).toEqual([]);
  });

  it('400 for invalid UTF-8', async () => {
    const { app, notes } = harness();
    const body = new Uint8Array([...Buffer.from('{"title":"'), 0xc3, 0x28, ...Buffer.from('","body":""}')]);
    const problem = await expectProblem(
      await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body }),
      400,
    );
    expect(problem.detail).toBe('The request body is not valid UTF-8.');
    expect(notes.calls).toEqual([]);
  });

  it.each([
    ['empty title', { title: '', body: 'b' }, [{ path: 'title', message: 'title must be 1 to 200 characters' }]],
    [
      '201-character title',
      { title: 'x'.repeat(201), body: 'b' },
      [{ path: 'title', message: 'title must be 1 to 200 characters' }],
    ],
    [
      '10 001-character body',
      { title: 't', body: 'x'.repeat(10_001) },
      [{ path: 'body', message: 'body must be at most 10000 characters' }],
    ],
    [
      'wrong types',
      { title: 1, body: null },
      [
        { path: 'title', message: 'title must be a string' },
        { path: 'body', message: 'body must be a string' },
      ],
    ],
    ['missing body', { title: 't' }, [{ path: 'body', message: 'body is required' }]],
    [
      'an extra key',
      { title: 't', body: '', id: 'mine' },
      [{ path: 'id', message: 'unknown key "id" is not allowed' }],
    ],
    [
      'a lone surrogate',
      { title: '\ud800', body: '' },
      [{ path: 'title', message: 'title must be valid Unicode text (it has a lone surrogate)' }],
    ],
    ['an array', [], [{ path: '', message: 'the body must be a JSON object' }]],
    ['a string', 'text', [{ path: '', message: 'the body must be a JSON object' }]],
    ['null', null, [{ path: '', message: 'the body must be a JSON object' }]],
  ])('400 with field errors for %s', async (_label, input, errors) => {
    const { app, notes } = harness();
    const problem = await expectProblem(await app.request('/api/notes', sendJson('POST', input)), 400);
    expect(problem.errors).toEqual(errors);
    for (const e of errors) expect(problem.detail).toContain(e.message);
    expect(notes.calls).toEqual([]);
  });
});

describe('GET /api/notes/:id', () => {
  it('returns the note with its ETag', async () => {
    const { app } = harness();
    const note = await createNote(app);
    const res = await app.request(`/api/notes/${note.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toEqual(note);
  });

  it('404 for an unknown id', async () => {
    const { app } = harness();
    await createNote(app);
    await expectProblem(await app.request('/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd'), 404);
  });

  it.each([
    ['a word', 'abc'],
    ['an upper-case UUID', '0192F3A4-5B6C-7D8E-9F01-23456789ABCD'],
    ['an encoded space', '%20'],
    ['500 characters', 'x'.repeat(500)],
  ])('404 without asking the store for a non-id: %s', async (_label, id) => {
    const { app, notes } = harness();
    const problem = await expectProblem(await app.request(`/api/notes/${id}`), 404);
    expect(problem.detail.length).toBeLessThan(200);
    expect(notes.calls).toEqual([]);
  });
});

describe('GET /api/notes', () => {
  it('pages through notes in creation order with limit and nextCursor', async () => {
    const { app } = harness();
    const created: Note[] = [];
    for (let i = 0; i < 5; i++) created.push(await createNote(app, `n${i}`));
    const seen: Note[] = [];
    let url = '/api/notes?limit=2';
    for (let pages = 0; pages < 10; pages++) {
      const res = await app.request(url);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Note[]; nextCursor?: string };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      if (page.nextCursor === undefined) {
        expect(Object.keys(page)).toEqual(['items']);
        break;
      }
      url = `/api/notes?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(seen).toEqual(created);
  });

  it('uses a limit of 20 by default', async () => {
    const { app } = harness();
    for (let i = 0; i < 21; i++) await createNote(app, `n${i}`);
    const page = (await (await app.request('/api/notes')).json()) as { items: Note[]; nextCursor?: string };
    expect(page.items).toHaveLength(20);
    expect(typeof page.nextCursor).toBe('string');
  });

  it('accepts limit=100 and lists an empty store as no items', async () => {
    const { app } = harness();
    const res = await app.request('/api/notes?limit=100');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"items":[]}');
  });

  it.each(['0', '101', '-1', '1.5', 'ten', '', '1e2', ' 5'])('400 for limit=%j', async (limit) => {
    const { app, notes } = harness();
    const problem = await expectProblem(await app.request(`/api/notes?limit=${encodeURIComponent(limit)}`), 400);
    expect(problem.errors).toEqual([{ path: 'limit', message: 'limit must be an integer from 1 to 100' }]);
    expect(notes.calls).toEqual([]);
  });

  it('400 for a repeated limit', async () => {
    const { app, notes } = harness();
    const problem = await expectProblem(await app.request('/api/notes?limit=1&limit=2'), 400);
    expect(problem.errors?.[0]?.path).toBe('limit');
    expect(notes.calls).toEqual([]);
  });

  it('400 for an empty or oversized cursor without asking the store', async () => {
    const { app, notes } = harness();
    await expectProblem(await app.request('/api/notes?cursor='), 400);
    await expectProblem(await app.request(`/api/notes?cursor=${'a'.repeat(5000)}`), 400);
    expect(notes.calls).toEqual([]);
  });

  it('400 when the store rejects the cursor', async () => {
    const { app } = harness();
    const problem = await expectProblem(await app.request('/api/notes?cursor=bm90LWpzb24'), 400);
    expect(problem.errors?.[0]?.path).toBe('cursor');
  });
});

describe('PUT /api/notes/:id', () => {
  it.each(['"1"', '1', 'W/"1"', '*', ' "1" '])(
    'replaces with If-Match %s: 200, version + 1, new ETag',
    async (ifMatch) => {
      const { app } = harness();
      const note = await createNote(app);
      const res = await app.request(
        `/api/notes/${note.id}`,
        sendJson('PUT', { title: 'new', body: 'changed' }, { 'if-match': ifMatch }),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      const next = (await res.json()) as Note;
      expect(next).toEqual({ ...note, title: 'new', body: 'changed', version: 2 });
      expect(await (await app.request(`/api/notes/${note.id}`)).json()).toEqual(next);
    },
  );

  it('412 for a stale version, and the note is unchanged', async () => {
    const { app, notes } = harness();
    const note = await createNote(app);
    await app.request(`/api/notes/${note.id}`, sendJson('PUT', { title: 'v2', body: '' }, { 'if-match': '"1"' }));
    notes.calls.length = 0;
    const res = await app.request(
      `/api/notes/${note.id}`,
      sendJson('PUT', { title: 'lost', body: '' }, { 'if-match': '"1"' }),
    );
    const problem = await expectProblem(res, 412);
    expect(problem.title).toBe('Precondition Failed');
    expect(notes.calls).not.toContain('replace');
    expect(((await (await app.request(`/api/notes/${note.id}`)).json()) as Note).title).toBe('v2');
  });

  it('412 when another writer commits between the read and the write', async () => {
    const { app, notes } = harness();
    const note = await createNote(app);
    const realGet = notes.inner.get.bind(notes.inner);
    // Simulates a concurrent update landing right after the route read the note.
    notes.inner.get = async (owner, id) => {
      const read = await realGet(owner, id);
      if (read) await notes.inner.replace(OWNER, { ...read, title: 'theirs', version: read.version + 1 }, read.version);
      return read;
    };
    const res = await app.request(
      `/api/notes/${note.id}`,
      sendJson('PUT', { title: 'mine', body: '' }, { 'if-match': '*' }),
    );
    await expectProblem(res, 412);
    expect((await realGet(OWNER, note.id))?.title).toBe('theirs');
  });

  it('404 for a missing note, and nothing is created', async () => {
    const { app, notes } = harness();
    const id = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';
    await expectProblem(
      await app.request(`/api/notes/${id}`, sendJson('PUT', { title: 't', body: '' }, { 'if-match': '*' })),
      404,
    );
    expect(await notes.inner.get(OWNER, id)).toBeUndefined();
  });

  it('checks in order: 404 bad id, 415, 413, 400 body, 428, 400 If-Match', async () => {
    const { app, notes } = harness();
    const note = await createNote(app);
    notes.calls.length = 0;
    const url = `/api/notes/${note.id}`;
    const huge = 'x'.repeat(70_000);
    await expectProblem(
      await app.request('/api/notes/nope', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: huge }),
      404,
    );
    await expectProblem(
      await app.request(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: huge }),
      415,
    );
    await expectProblem(await app.request(url, { method: 'PUT', headers: JSON_TYPE, body: huge }), 413);
    await expectProblem(
      await app.request(url, { method: 'PUT', headers: { ...JSON_TYPE, 'if-match': 'bad' }, body: '{' }),
      400,
    );
    const invalid = await expectProblem(
      await app.request(url, sendJson('PUT', { title: '', body: '' }, { 'if-match': 'bad' })),
      400,
    );
    expect(invalid.errors?.[0]?.path).toBe('title');
    const missing = await expectProblem(await app.request(url, sendJson('PUT', { title: 't', body: '' })), 428);
    expect(missing.title).toBe('Precondition Required');
    const malformed = await expectProblem(
      await app.request(url, sendJson('PUT', { title: 't', body: '' }, { 'if-match': '"v1"' })),
      400,
    );
    expect(malformed.detail).toContain('If-Match');
    expect(notes.calls).toEqual([]);
  });
});

describe('DELETE /api/notes/:id', () => {
  it.each([undefined, '"1"', '*'])('204 with If-Match %s, then the note is gone', async (ifMatch) => {
    const { app } = harness();
    const note = await createNote(app);
    const res = await app.request(`/api/notes/${note.id}`, {
      method: 'DELETE',
      headers: ifMatch ? { 'if-match': ifMatch } : {},
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expectProblem(await app.request(`/api/notes/${note.id}`), 404);
    expect(await (await app.request('/api/notes')).json()).toEqual({ items: [] });
  });

  it('412 for a stale version, and the note stays', async () => {
    const { app } = harness();
    const note = await createNote(app);
    await expectProblem(
      await app.request(`/api/notes/${note.id}`, { method: 'DELETE', headers: { 'if-match': '"2"' } }),
      412,
    );
    expect((await app.request(`/api/notes/${note.id}`)).status).toBe(200);
  });

  it('404 for a missing note and for a non-id; 400 for a malformed If-Match without a store call', async () => {
    const { app, notes } = harness();
    await expectProblem(
      await app.request('/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', { method: 'DELETE' }),
      404,
    );
    notes.calls.length = 0;
    await expectProblem(await app.request('/api/notes/not-an-id', { method: 'DELETE' }), 404);
    await expectProblem(
      await app.request('/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', {
        method: 'DELETE',
        headers: { 'if-match': '"0"' },
      }),
      400,
    );
    expect(notes.calls).toEqual([]);
  });
});
