// The real app with real token verification (tokens the local issuer signed, checked by the verifier):
// every notes route needs a token and answers for the token's owner; hello and health do not need one;
// with `auth: none` every request is the one anonymous owner. (test/core/app-owners.test.ts covers owner
// isolation route by route with a stand-in authenticator.)
import { Hono } from 'hono';
import { createAuthenticator } from '../../handlers/core/auth/authenticator';
import { protectNotes, requestOwner } from '../../handlers/core/auth/middleware';
import { ANONYMOUS_OWNER, ownerOf } from '../../handlers/core/auth/owner';
import { harness, sendJson } from '../core/app-harness';
import { bearer, closeIssuers, expectUnauthorized, issuerAndAuth } from './auth-harness';

afterEach(closeIssuers);

const NOTE = { title: 't', body: 'b' };

async function guardedRealApp() {
  const { issuer, auth } = await issuerAndAuth();
  const { app, notes } = harness({ auth });
  return { issuer, app, notes };
}

test('every notes route, activity included, is 401 without a token and reaches no store', async () => {
  const { app, notes } = await guardedRealApp();
  const id = '0190f0c0-0000-7000-8000-000000000000';
  const requests: [string, RequestInit][] = [
    ['/api/notes', { method: 'GET' }],
    ['/api/notes', { method: 'HEAD' }],
    ['/api/notes', sendJson('POST', NOTE)],
    [`/api/notes/${id}`, { method: 'GET' }],
    [`/api/notes/${id}`, sendJson('PUT', NOTE, { 'if-match': '*' })],
    [`/api/notes/${id}`, { method: 'DELETE' }],
    [`/api/notes/${id}/activity`, { method: 'GET' }],
  ];
  for (const [path, init] of requests) {
    const res = await app.request(path, init);
    if (init.method === 'HEAD') {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="notes"');
    } else {
      expect(await expectUnauthorized(res)).toBeUndefined();
    }
  }
  expect(notes.calls).toEqual([]);
});

test("with a token every notes route answers, for the token's owner only", async () => {
  const { issuer, app, notes } = await guardedRealApp();
  const authorization = bearer(await issuer.mint('alice'));
  const created = await app.request('/api/notes', sendJson('POST', NOTE, { authorization }));
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // Stored under the owner the token names (issuer + subject), not under anyone else.
  expect(await notes.inner.get(ownerOf(issuer.issuer, 'alice'), id)).toBeDefined();
  expect(await notes.inner.get(ANONYMOUS_OWNER, id)).toBeUndefined();
  const bob = bearer(await issuer.mint('bob'));
  expect((await app.request(`/api/notes/${id}`, { headers: { authorization: bob } })).status).toBe(404);
  expect(await (await app.request('/api/notes', { headers: { authorization: bob } })).json()).toEqual({ items: [] });
  expect((await app.request(`/api/notes/${id}`, { headers: { authorization } })).status).toBe(200);
  expect((await app.request('/api/notes', { headers: { authorization } })).status).toBe(200);
  expect(
    (await app.request(`/api/notes/${id}`, sendJson('PUT', NOTE, { authorization, 'if-match': '1' }))).status,
  ).toBe(200);
  expect((await app.request(`/api/notes/${id}/activity`, { headers: { authorization } })).status).toBe(200);
  expect((await app.request(`/api/notes/${id}`, { method: 'DELETE', headers: { authorization } })).status).toBe(204);
});

test('hello and health stay public', async () => {
  const { app } = await guardedRealApp();
  expect((await app.request('/api/hello?name=x')).status).toBe(200);
  expect((await app.request('/api/health')).status).toBe(200);
});

test('auth none: every request, with or without a token, is the anonymous owner', async () => {
  const app = new Hono();
  protectNotes(app, createAuthenticator({ mode: 'none' }));
  app.get('/api/notes', (c) => c.json({ owner: requestOwner(c) }));
  const sent: Record<string, string>[] = [{}, { authorization: 'Bearer whatever' }, { authorization: 'Basic eDp5' }];
  for (const headers of sent) {
    const res = await app.request('/api/notes', { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ owner: ANONYMOUS_OWNER });
  }
});

test('a route that reads the owner without the guard is a bug, not an anonymous request', async () => {
  const app = new Hono();
  app.get('/api/notes', (c) => c.json({ owner: requestOwner(c) }));
  app.onError((error, c) => c.text(error.message, 500));
  const res = await app.request('/api/notes');
  expect(res.status).toBe(500);
  expect(await res.text()).toMatch(/No owner/);
});
