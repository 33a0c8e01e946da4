// Local mode's OIDC issuer over HTTP, and `npm run token` against it.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createTokenVerifier } from '../../handlers/core/auth/verifier';
import { ownerOf } from '../../handlers/core/auth/owner';
import { type LocalIssuer, startLocalIssuer } from '../../local/oidc/issuer';
import { LOCAL_AUDIENCE } from '../../local/oidc/settings';
import { hostHeaderName } from '../../local/oidc/loopback';

const ROOT = join(__dirname, '..', '..');
let issuer: LocalIssuer;
beforeEach(async () => {
  issuer = await startLocalIssuer();
});
afterEach(() => issuer.close());

const json = async (res: Response) => [res.status, await res.json()] as const;

test('discovery names the issuer itself, its JWKS and token endpoint, on loopback', async () => {
  expect(issuer.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const [status, doc] = await json(await fetch(`${issuer.issuer}/.well-known/openid-configuration`));
  expect(status).toBe(200);
  expect(doc).toMatchObject({ issuer: issuer.issuer, jwks_uri: issuer.jwksUri, token_endpoint: issuer.tokenEndpoint });
});

test('the JWKS publishes public keys only; a rotation adds the new key and keeps the previous one only', async () => {
  const first = ((await json(await fetch(issuer.jwksUri)))[1] as { keys: Record<string, string>[] }).keys;
  expect(first).toHaveLength(1);
  expect(first[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  expect(first[0]!.d).toBeUndefined();
  const second = await issuer.rotateKeys();
  const third = await issuer.rotateKeys();
  const kids = ((await json(await fetch(issuer.jwksUri)))[1] as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  expect(kids).toEqual([third, second]);
  expect(issuer.jwksRequests).toBe(2);
});

test('the token endpoint signs for a user name (form or JSON), and refuses a bad one', async () => {
  const verifier = createTokenVerifier({ issuer: issuer.issuer, audience: LOCAL_AUDIENCE });
  const [status, body] = await json(
    await fetch(issuer.tokenEndpoint, { method: 'POST', body: new URLSearchParams({ user: 'alice' }) }),
  );
  expect(status).toBe(200);
  expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  expect((await verifier.verify((body as { access_token: string }).access_token)).owner).toBe(
    ownerOf(issuer.issuer, 'alice'),
  );
  const [jsonStatus, jsonBody] = await json(
    await fetch(issuer.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'bob' }),
    }),
  );
  expect(jsonStatus).toBe(200);
  expect((await verifier.verify((jsonBody as { access_token: string }).access_token)).subject).toBe('bob');
  for (const body of [new URLSearchParams({ user: 'a b' }), new URLSearchParams({}), 'x'.repeat(5000)]) {
    const [badStatus, bad] = await json(await fetch(issuer.tokenEndpoint, { method: 'POST', body }));
    expect(badStatus).toBe(400);
    expect(bad).toMatchObject({ error: 'invalid_request' });
  }
  expect((await fetch(`${issuer.issuer}/elsewhere`)).status).toBe(404);
});

/** A POST to the token endpoint with the Host header given (fetch does not let a caller set Host). */
function tokenRequestWithHost(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(issuer.tokenEndpoint);
    const req = request(
      { hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end('user=alice');
  });
}

test('a request addressed by another name (DNS rebinding) is refused with 421 and no token; loopback names answer', async () => {
  const port = new URL(issuer.issuer).port;
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `[::2]:${port}`]) {
    const { status, body } = await tokenRequestWithHost(host);
    expect([host, status]).toEqual([host, 421]);
    expect(body).not.toContain('access_token');
  }
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`, 'localhost']) {
    const { status, body } = await tokenRequestWithHost(host);
    expect([host, status]).toEqual([host, 200]);
    expect(body).toContain('access_token');
  }
});

test('Host header names: name, name:port, [v6]:port; anything else is none', () => {
  expect(hostHeaderName('localhost')).toBe('localhost');
  expect(hostHeaderName('127.0.0.1:3003')).toBe('127.0.0.1');
  expect(hostHeaderName('[::1]:3003')).toBe('::1');
  for (const odd of [undefined, '', 'a@127.0.0.1', '::1', '127.0.0.1:', 'localhost:3003:1', 'local host'])
    expect([odd, hostHeaderName(odd)]).toEqual([odd, undefined]);
});

test('a host that is not loopback is refused before anything listens', async () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
    // An issuer that did start is closed at once, so a regression fails here instead of hanging jest.
    const outcome = await startLocalIssuer({ host }).then(
      async (started) => {
        await started.close();
        return `listened on ${host}`;
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/loopback only: host must be one of 127\.0\.0\.1, ::1, localhost/);
  }
  const onV6 = await startLocalIssuer({ host: '::1' }).catch(() => undefined); // ::1 may be absent (no IPv6)
  if (onV6) {
    expect(onV6.issuer).toMatch(/^http:\/\/\[::1\]:\d+$/);
    await onV6.close();
  }
});

function runTokenCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'token', '--', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('npm run token prints, alone on stdout, a token the running issuer signed', async () => {
  const { code, stdout } = await runTokenCli(['--user', 'alice', '--issuer', issuer.issuer]);
  expect(code).toBe(0);
  const verifier = createTokenVerifier({ issuer: issuer.issuer, audience: LOCAL_AUDIENCE });
  expect((await verifier.verify(stdout.trim())).subject).toBe('alice');
});

test('npm run token: exit 2 on a bad user or issuer URL, 1 when no issuer answers', async () => {
  const badUser = await runTokenCli(['--user', 'a b', '--issuer', issuer.issuer]);
  expect(badUser.code).toBe(2);
  expect(badUser.stderr).toMatch(/--user must be/);
  const badIssuer = await runTokenCli(['--user', 'alice', '--issuer', 'http://issuer.example']);
  expect(badIssuer.code).toBe(2);
  expect(badIssuer.stderr).toMatch(/--issuer .*https/);
  // The shared command-line rules (tools/cli.ts): an unknown flag is named, then the usage.
  const unknown = await runTokenCli(['--user', 'alice', '--bogus']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/--bogus[\s\S]*Usage: npm run token/);
  const url = issuer.issuer;
  await issuer.close();
  const gone = await runTokenCli(['--user', 'alice', '--issuer', url]);
  expect(gone.code).toBe(1);
  expect(gone.stderr).toMatch(/no local issuer answers .*is local mode running\?/);
  expect(gone.stdout).toBe('');
});
