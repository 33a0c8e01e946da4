// Every notes route answers for the caller's own notes only: another owner's note is 404 everywhere,
// its list is empty, and a cursor issued to one owner is refused for another (in-memory stores; the same
// over real HTTP on both local clouds: test/local/owners.e2e.test.ts).
import type { Authenticator } from '../../handlers/core/auth/authenticator';
import { TokenRejectedError } from '../../handlers/core/auth/errors';
import { noteEventType } from '../../contract/events';
import { expectProblem, harness, sendJson } from './app-harness';

// A stand-in for token verification (test/auth covers the real one): the token names the owner.
const byToken: Authenticator = {
  ownerOf: async (header) => {
    const token = /^Bearer (alice|bob)$/.exec(header ?? '')?.[1];
    if (!token) throw new TokenRejectedError('No Bearer token was sent', true);
    return `owner-${token}`;
  },
};
const as = (user: 'alice' | 'bob', init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${user}` },
});

async function aliceNote(app: ReturnType<typeof harness>['app']) {
  const res = await app.request('/api/notes', as('alice', sendJson('POST', { title: 'mine', body: 'private' })));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

describe('owners', () => {
  it("bob gets 404 on every route of alice's note and changes nothing", async () => {
    const h = harness({ auth: byToken });
    const { id } = await aliceNote(h.app);
    await h.activity.inner.record('owner-alice', {
      eventId: `${id}.v1.created`,
      type: noteEventType('created'),
      noteId: id,
      version: 1,
      time: '2026-01-01T00:00:00.000Z',
    });
    await expectProblem(await h.app.request(`/api/notes/${id}`, as('bob')), 404);
    await expectProblem(
      await h.app.request(
        `/api/notes/${id}`,
        as('bob', sendJson('PUT', { title: 'theirs', body: '' }, { 'if-match': '*' })),
      ),
      404,
    );
    await expectProblem(await h.app.request(`/api/notes/${id}`, as('bob', { method: 'DELETE' })), 404);
    await expectProblem(await h.app.request(`/api/notes/${id}/activity`, as('bob')), 404);
    expect(await (await h.app.request('/api/notes', as('bob'))).json()).toEqual({ items: [] });
    // Alice still has it, unchanged, with its activity.
    expect(await (await h.app.request(`/api/notes/${id}`, as('alice'))).json()).toMatchObject({
      id,
      title: 'mine',
      version: 1,
    });
    expect(
      ((await (await h.app.request(`/api/notes/${id}/activity`, as('alice'))).json()) as { items: unknown[] }).items,
    ).toHaveLength(1);
  });

  it("refuses alice's cursor to bob (400), and lists only the caller's notes", async () => {
    const h = harness({ auth: byToken });
    for (let i = 0; i < 3; i++) await aliceNote(h.app);
    await h.app.request('/api/notes', as('bob', sendJson('POST', { title: 'bob', body: '' })));
    const page = (await (await h.app.request('/api/notes?limit=2', as('alice'))).json()) as {
      items: unknown[];
      nextCursor: string;
    };
    expect(page.items).toHaveLength(2);
    const problem = await expectProblem(await h.app.request(`/api/notes?cursor=${page.nextCursor}`, as('bob')), 400);
    expect(problem.detail).toMatch(/another user/);
    expect(
      (
        (await (await h.app.request(`/api/notes?cursor=${page.nextCursor}`, as('alice'))).json()) as {
          items: unknown[];
        }
      ).items,
    ).toHaveLength(1);
  });

  it('401 with WWW-Authenticate on the notes routes without a token; hello and health stay public; no store call', async () => {
    const h = harness({ auth: byToken });
    for (const [path, init] of [
      ['/api/notes', {}],
      ['/api/notes', sendJson('POST', { title: 't', body: '' })],
      ['/api/notes/0192f3a4-5b6c-7d8e-9f01-23456789abcd/activity', {}],
    ] as const) {
      const res = await h.app.request(path, init);
      await expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="notes"');
    }
    expect(h.notes.calls.filter((c) => c !== 'ping')).toEqual([]);
    expect((await h.app.request('/api/hello')).status).toBe(200);
    expect((await h.app.request('/api/health')).status).toBe(200);
  });
});
