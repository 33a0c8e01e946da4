// Issue #19 over real HTTP, on both emulated clouds (API Gateway + Lambda adapter, Functions host +
// Azure adapter), with real tokens from local mode's own issuer: every notes route answers for the
// caller's own notes only, a missing or bad token is the same 401 on both, hello and health stay public.
import type { LocalMode } from '../../local/start-local';
import { claimsFor, foreignKeyToken, hs256WithPublicKey, nowSeconds, unsecuredToken } from '../auth/auth-harness';
import { signedIn, tokenFor } from '../support/tokens';
import { type InMemoryLocal, startLocalInMemory } from '../support/local-in-memory';
import { call, eventually, json, normalise, type Answer } from './helpers/clouds';

let running: InMemoryLocal;
let local: LocalMode;
let clouds: [string, string][];
let alice: string;
let bob: string;

beforeAll(async () => {
  running = await startLocalInMemory('owners');
  local = running.local;
  clouds = [
    ['local-aws', local.awsUrl],
    ['local-azure', local.azureUrl],
  ];
  [alice, bob] = await Promise.all([tokenFor(local, 'alice'), tokenFor(local, 'bob')]);
});
afterAll(async () => {
  await running?.stop();
});

const as = (token: string, init: RequestInit = {}) => signedIn(init, token);

/** The same answer on both clouds (status, problem body, the headers the contract names), returned per cloud. */
async function sameOnBoth(request: (url: string) => Promise<Answer>): Promise<Answer[]> {
  const answers = await Promise.all(clouds.map(([, url]) => request(url)));
  for (const [i, a] of answers.entries()) expect(a.headers.get('x-served-by')).toBe(clouds[i]![0]);
  const [aws, azure] = answers as [Answer, Answer];
  expect([azure.status, azure.headers.get('content-type'), azure.headers.get('www-authenticate')]).toEqual([
    aws.status,
    aws.headers.get('content-type'),
    aws.headers.get('www-authenticate'),
  ]);
  if (aws.status >= 400) expect(normalise(azure.text)).toBe(normalise(aws.text));
  return answers;
}

async function aliceCreates(url: string): Promise<{ id: string }> {
  const created = await call(
    url,
    '/api/notes',
    as(alice, { method: 'POST', ...json({ title: "alice's", body: 'private' }) }),
  );
  expect(created.status).toBe(201);
  return created.json as { id: string };
}

describe('another owner', () => {
  it("gets 404 on every route of alice's note, activity included, and an empty list; alice's note is untouched", async () => {
    const ids = Object.fromEntries(
      await Promise.all(clouds.map(async ([, url]) => [url, (await aliceCreates(url)).id] as const)),
    );
    // Alice's activity exists (the event arrived) before bob asks for it, so a 404 is the owner rule.
    for (const [, url] of clouds) {
      await eventually(async () => {
        const activity = await call(url, `/api/notes/${ids[url]}/activity`, as(alice));
        expect((activity.json as { items: unknown[] }).items).toHaveLength(1);
      });
    }
    const routes: [string, (id: string) => [string, RequestInit]][] = [
      ['GET', (id) => [`/api/notes/${id}`, {}]],
      [
        'PUT',
        (id) => [`/api/notes/${id}`, { method: 'PUT', ...json({ title: "bob's", body: '' }, { 'if-match': '*' }) }],
      ],
      [
        'PUT with a version',
        (id) => [`/api/notes/${id}`, { method: 'PUT', ...json({ title: "bob's", body: '' }, { 'if-match': '"1"' }) }],
      ],
      ['DELETE', (id) => [`/api/notes/${id}`, { method: 'DELETE' }]],
      ['DELETE with a version', (id) => [`/api/notes/${id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } }]],
      ['GET activity', (id) => [`/api/notes/${id}/activity`, {}]],
    ];
    for (const [name, route] of routes) {
      const answers = await sameOnBoth((url) => {
        const [path, init] = route(ids[url]!);
        return call(url, path, as(bob, init));
      });
      expect([name, answers[0]!.status, answers[0]!.headers.get('content-type')]).toEqual([
        name,
        404,
        'application/problem+json',
      ]);
    }
    // PATCH is no route for anyone: 405 with Allow, the same for the owner and a stranger.
    for (const token of [alice, bob]) {
      const [patch] = await sameOnBoth((url) =>
        call(url, `/api/notes/${ids[url]}`, as(token, { method: 'PATCH', ...json({ title: 'x' }) })),
      );
      expect([patch!.status, patch!.headers.get('allow')]).toEqual([405, 'GET, HEAD, PUT, DELETE']);
    }
    const [list] = await sameOnBoth((url) => call(url, '/api/notes', as(bob)));
    expect(list!.json).toEqual({ items: [] });
    for (const [, url] of clouds) {
      const mine = await call(url, `/api/notes/${ids[url]}`, as(alice));
      expect([mine.status, (mine.json as { title: string; version: number }).version]).toEqual([200, 1]);
      expect((mine.json as { title: string }).title).toBe("alice's");
    }
  });

  it("refuses alice's list cursor to bob (400), on both", async () => {
    for (const [, url] of clouds) for (let i = 0; i < 3; i++) await aliceCreates(url);
    const pages = await Promise.all(clouds.map(([, url]) => call(url, '/api/notes?limit=1', as(alice))));
    const cursors = Object.fromEntries(
      clouds.map(([, url], i) => [url, (pages[i]!.json as { nextCursor: string }).nextCursor]),
    );
    const [refused] = await sameOnBoth((url) => call(url, `/api/notes?limit=1&cursor=${cursors[url]}`, as(bob)));
    expect(refused!.status).toBe(400);
  });
});

describe('sign-in answers, identical on both front doors', () => {
  it('no token: 401 problem+json with a bare Bearer challenge on every notes route; hello and health are public', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    for (const [path, init] of [
      ['/api/notes', {}],
      ['/api/notes', { method: 'POST', ...json({ title: 't', body: '' }) }],
      [`/api/notes/${id}`, {}],
      [`/api/notes/${id}`, { method: 'PUT', ...json({ title: 't', body: '' }, { 'if-match': '*' }) }],
      [`/api/notes/${id}`, { method: 'DELETE' }],
      [`/api/notes/${id}/activity`, {}],
    ] as [string, RequestInit][]) {
      const [answer] = await sameOnBoth((url) => call(url, path, init));
      expect([
        path,
        init.method,
        answer!.status,
        answer!.headers.get('content-type'),
        answer!.headers.get('www-authenticate'),
      ]).toEqual([path, init.method, 401, 'application/problem+json', 'Bearer realm="notes"']);
    }
    for (const path of ['/api/hello', '/api/health']) {
      const [answer] = await sameOnBoth((url) => call(url, path));
      expect(answer!.status).toBe(200);
    }
  });

  it('bad tokens: the same 401 with error="invalid_token" and the same description on both', async () => {
    const issuer = local.issuer!;
    const long = new Date(Date.now() - 2 * 3600_000);
    const cases: [string, string][] = [
      ['expired', await issuer.mint('alice', { issuedAt: long, lifetimeSeconds: 3600 })],
      ['wrong audience', await issuer.mint('alice', { audience: 'another-api' })],
      ['wrong issuer', await issuer.signClaims({ ...claimsFor(issuer), iss: 'http://127.0.0.1:9/elsewhere' })],
      ['not yet valid', await issuer.signClaims(claimsFor(issuer, { nbf: nowSeconds() + 3600 }))],
      ['alg none', unsecuredToken(claimsFor(issuer))],
      ['HS256 with the public key', await hs256WithPublicKey(issuer, claimsFor(issuer))],
      ['a key the issuer does not publish (unknown kid)', await foreignKeyToken(claimsFor(issuer))],
      ['malformed', 'abc.def.ghi'],
    ];
    for (const [name, token] of cases) {
      const [answer] = await sameOnBoth((url) => call(url, '/api/notes', as(token)));
      expect([name, answer!.status, answer!.headers.get('www-authenticate')]).toEqual([
        name,
        401,
        expect.stringMatching(/^Bearer realm="notes", error="invalid_token", error_description="[^"]+"$/),
      ]);
    }
  });
});
