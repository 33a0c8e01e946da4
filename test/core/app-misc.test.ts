import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { createApp } from '../../handlers/core/app';
import { createLogger } from '../../handlers/core/log';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import type { Note } from '../../handlers/core/ports';
import { expectProblem, FIXED_NOW, harness, sendJson } from './app-harness';
import { noteEventType } from '../../contract/events';

describe('GET /api/hello', () => {
  it.each([
    ['', 'Hello, world!'],
    ['?name=', 'Hello, world!'],
    ['?name=Ann', 'Hello, Ann!'],
    ['?name=J%C3%BCrgen%20%22J%22', 'Hello, Jürgen "J"!'],
    [`?name=${'n'.repeat(100)}`, `Hello, ${'n'.repeat(100)}!`],
  ])('answers %s with its greeting', async (query, message) => {
    const { app } = harness();
    const res = await app.request(`/api/hello${query}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message });
  });

  it('400 for a name over 100 characters or given twice', async () => {
    const { app } = harness();
    const long = await expectProblem(await app.request(`/api/hello?name=${'n'.repeat(101)}`), 400);
    expect(long.errors).toEqual([{ path: 'name', message: 'name must be at most 100 characters' }]);
    const twice = await expectProblem(await app.request('/api/hello?name=a&name=b'), 400);
    expect(twice.errors?.[0]?.path).toBe('name');
  });
});

describe('GET /api/health', () => {
  it('200 when the store answers', async () => {
    const { app, notes } = harness();
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(notes.calls).toEqual(['ping']);
  });

  it('503 with Retry-After when the store does not', async () => {
    const { app, notes } = harness();
    notes.inner.setAvailable(false);
    const res = await app.request('/api/health');
    await expectProblem(res, 503);
    expect(res.headers.get('retry-after')).toBe('1');
  });
});

describe('GET /api/notes/:id/activity', () => {
  it('lists the recorded activity ordered by time, then event id', async () => {
    const { app, activity } = harness();
    const noteId = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';
    const base = { noteId, type: noteEventType('updated') };
    await activity.inner.record(OWNER, {
      ...base,
      eventId: `${noteId}.v3.updated`,
      version: 3,
      time: '2026-01-01T00:00:02.000Z',
    });
    await activity.inner.record(OWNER, {
      ...base,
      eventId: `${noteId}.v2.updated`,
      version: 2,
      time: '2026-01-01T00:00:01.000Z',
    });
    const res = await app.request(`/api/notes/${noteId}/activity`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { eventId: string }[] };
    expect(body.items.map((a) => a.eventId)).toEqual([`${noteId}.v2.updated`, `${noteId}.v3.updated`]);
    expect(Object.keys(body.items[0]!)).toEqual(['eventId', 'type', 'noteId', 'version', 'time']);
  });

  it('answers an empty list for a note of the caller without activity yet, 404 for no such note and for a non-id', async () => {
    const { app, activity, notes } = harness();
    const id = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';
    await expectProblem(await app.request(`/api/notes/${id}/activity`), 404);
    await notes.inner.create(OWNER, {
      id,
      title: 't',
      body: '',
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
      version: 1,
    });
    expect(await (await app.request(`/api/notes/${id}/activity`)).json()).toEqual({ items: [] });
    activity.calls.length = 0;
    await expectProblem(await app.request('/api/notes/nope/activity'), 404);
    expect(activity.calls).toEqual([]);
  });
});

describe('routing', () => {
  it.each([
    ['/api/nope', 'GET'],
    ['/api', 'GET'],
    ['/', 'GET'],
    ['/api/notes/', 'GET'],
    ['/hello', 'GET'],
    ['/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd/other', 'POST'],
  ])('404 problem for %s', async (path, method) => {
    const { app } = harness();
    await expectProblem(await app.request(path, { method }), 404);
  });

  it.each([
    ['/api/hello', 'POST', 'GET, HEAD'],
    ['/api/health', 'DELETE', 'GET, HEAD'],
    ['/api/notes', 'DELETE', 'GET, HEAD, POST'],
    ['/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', 'PATCH', 'GET, HEAD, PUT, DELETE'],
    ['/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', 'POST', 'GET, HEAD, PUT, DELETE'],
    ['/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd/activity', 'PUT', 'GET, HEAD'],
  ])('405 with Allow for %s %s', async (path, method, allow) => {
    const { app, notes } = harness();
    const res = await app.request(path, sendJson(method as 'POST', { title: 't', body: '' }));
    const problem = await expectProblem(res, 405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(problem.detail).toContain(allow);
    expect(notes.calls).toEqual([]);
  });

  it('answers HEAD like GET without a body', async () => {
    const { app } = harness();
    const res = await app.request('/api/hello', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-served-by')).toBe('local-aws');
    expect(await res.text()).toBe('');
  });
});

describe('x-served-by', () => {
  it.each(['aws', 'azure', 'local-aws', 'local-azure'] as const)(
    'is %s on successes, 4xx, 5xx and 404s',
    async (servedBy) => {
      const { app, notes } = harness({ servedBy });
      const created = await app.request('/api/notes', sendJson('POST', { title: 't', body: '' }));
      const responses = [
        created,
        await app.request('/api/hello'),
        await app.request('/nowhere'),
        await app.request('/api/hello', { method: 'POST' }),
        await app.request('/api/notes', { method: 'POST', body: '{}' }),
        await app.request(`/api/notes/${((await created.clone().json()) as Note).id}`, { method: 'DELETE' }),
      ];
      notes.inner.setAvailable(false);
      responses.push(await app.request('/api/notes'));
      expect(responses.map((r) => r.status)).toEqual([201, 200, 404, 405, 415, 204, 503]);
      for (const res of responses) expect(res.headers.get('x-served-by')).toBe(servedBy);
    },
  );

  it('never appears in a body', async () => {
    const { app } = harness({ servedBy: 'azure' });
    const res = await app.request('/api/notes', sendJson('POST', { title: 't', body: '' }));
    expect(await res.text()).not.toMatch(/azure|aws/i);
  });
});

describe('store failures', () => {
  it.each([
    ['GET', '/api/notes', undefined],
    ['POST', '/api/notes', { title: 't', body: '' }],
    ['GET', '/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', undefined],
    ['PUT', '/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', { title: 't', body: '' }],
    ['DELETE', '/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd', undefined],
  ])('503 + Retry-After when the note store is unavailable: %s %s', async (method, path, body) => {
    const { app, notes } = harness();
    notes.inner.setAvailable(false);
    const init: RequestInit = body ? sendJson(method as 'PUT', body, { 'if-match': '*' }) : { method };
    const res = await app.request(path, init);
    const problem = await expectProblem(res, 503);
    expect(problem.title).toBe('Service Unavailable');
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('503 when the activity store is unavailable', async () => {
    const { app, activity } = harness();
    activity.inner.setAvailable(false);
    await expectProblem(await app.request('/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd/activity'), 503);
  });

  it('500 without internals for an unexpected error, which is logged', async () => {
    const errors: unknown[] = [];
    const { app, notes } = harness({ errors });
    notes.inner.list = async () => {
      throw new Error('secret connection string abc123');
    };
    const res = await app.request('/api/notes');
    const problem = await expectProblem(res, 500);
    const text = JSON.stringify(problem);
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/at .*\.ts/);
    expect(res.headers.get('x-served-by')).toBe('local-aws');
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toContain('secret');
  });
});

describe('logging', () => {
  it('reports one entry per request with the route pattern, not the id', async () => {
    const { app, requests } = harness();
    await app.request('/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd');
    await app.request('/nowhere');
    expect(requests.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'GET', route: '/api/notes/:id', status: 404 },
      { method: 'GET', route: 'unmatched', status: 404 },
    ]);
    for (const r of requests) expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('without a logger, still reports an unexpected error on stderr as one JSON line', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const notes = new MemoryNoteStore();
      notes.get = async () => {
        throw new RangeError('kaput');
      };
      const app = createApp({ auth: noSignIn(), notes, activity: new MemoryActivityStore(), servedBy: 'azure' });
      expect((await app.request('/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd')).status).toBe(500);
      expect((await app.request('/api/hello')).status).toBe(200);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(JSON.parse(spy.mock.calls[0]![0] as string)).toEqual(
        expect.objectContaining({ level: 'error', cloud: 'azure', route: '/api/notes/:id', errorName: 'RangeError' }),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('the Logger writes one JSON line per request and per unexpected error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const notes = new MemoryNoteStore();
    notes.ping = async () => {
      throw new TypeError('boom');
    };
    notes.list = async () => {
      throw new TypeError('boom');
    };
    const app = createApp({
      auth: noSignIn(),
      notes,
      activity: new MemoryActivityStore(),
      servedBy: 'aws',
      log: createLogger('aws', (line) => (line.level === 'error' ? err : out).push(JSON.stringify(line))),
    });
    await app.request('/api/hello');
    await app.request('/api/notes');
    expect(out.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'info', cloud: 'aws', method: 'GET', route: '/api/hello', status: 200 }),
      expect.objectContaining({ level: 'info', cloud: 'aws', method: 'GET', route: '/api/notes', status: 500 }),
    ]);
    expect(err).toHaveLength(1);
    expect(JSON.parse(err[0]!)).toEqual(
      expect.objectContaining({
        level: 'error',
        cloud: 'aws',
        route: '/api/notes',
        errorName: 'TypeError',
        errorMessage: 'boom',
      }),
    );
  });
});
