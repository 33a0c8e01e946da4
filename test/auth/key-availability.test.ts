// An issuer that does not answer must not hang a request: 503 with Retry-After once the bounded
// fetch gives up (the token may be good, so not 401), and the next request tries again.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthenticator } from '../../handlers/core/auth/authenticator';
import { bearer, closeIssuers, get, guardedApp, issuerAndAuth } from './auth-harness';

afterEach(closeIssuers);

const FETCH_TIMEOUT_MS = 300;

async function expectKeysUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('1');
  expect(res.headers.get('www-authenticate')).toBeNull();
  return ((await res.json()) as { detail: string }).detail;
}

test('discovery stalls: 503 after the fetch timeout; when the issuer answers again, the next request is accepted', async () => {
  const { issuer, app } = await issuerAndAuth({ fetchTimeoutMs: FETCH_TIMEOUT_MS });
  const token = await issuer.mint('alice');
  issuer.stall('all');
  const started = performance.now();
  expect(await expectKeysUnavailable(await get(app, bearer(token)))).toMatch(/discovery timed out/);
  expect(performance.now() - started).toBeGreaterThanOrEqual(FETCH_TIMEOUT_MS - 20); // it did wait, and stopped
  issuer.stall('none');
  expect((await get(app, bearer(token))).status).toBe(200);
});

test('the JWKS stalls: 503 after the fetch timeout', async () => {
  const { issuer, app } = await issuerAndAuth({ fetchTimeoutMs: FETCH_TIMEOUT_MS });
  issuer.stall('jwks');
  expect(await expectKeysUnavailable(await get(app, bearer(await issuer.mint('alice'))))).toMatch(
    /key set fetch timed out/,
  );
  issuer.stall('none');
  expect((await get(app, bearer(await issuer.mint('alice')))).status).toBe(200);
});

test('nothing listens at the issuer: 503', async () => {
  const { issuer } = await issuerAndAuth();
  const token = await issuer.mint('alice');
  const app = guardedApp(
    createAuthenticator(
      { mode: 'oidc', issuer: issuer.issuer, audience: issuer.audience },
      { fetchTimeoutMs: FETCH_TIMEOUT_MS },
    ),
  );
  await closeIssuers();
  expect(await expectKeysUnavailable(await get(app, bearer(token)))).toMatch(/discovery failed/);
});

test('a discovery document naming another issuer is not trusted (OIDC Discovery §4.3)', async () => {
  const { issuer } = await issuerAndAuth();
  // Serves the real issuer's document under another address: its `issuer` is not this one.
  const impostor = createServer((req, res) => {
    fetch(issuer.issuer + (req.url ?? '/')).then(async (r) => {
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(await r.text());
    });
  });
  await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
  try {
    const impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    const app = guardedApp(createAuthenticator({ mode: 'oidc', issuer: impostorUrl, audience: issuer.audience }));
    const token = await issuer.signClaims({
      iss: impostorUrl,
      sub: 'alice',
      aud: issuer.audience,
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(await expectKeysUnavailable(await get(app, bearer(token)))).toMatch(/discovery names another issuer/);
  } finally {
    await new Promise((resolve) => impostor.close(resolve));
  }
});
