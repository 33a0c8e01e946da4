// "Same work" checked, not claimed: the peers' shared route work (bench/peers/handlers/notes-work.mjs,
// bundled as --peers bundles it) refuses bad input with the very status and problem+json body that our
// app gives. Nothing is installed: the frameworks only route to this work.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../../program/bundle';
import { bundleOptions } from '../../program/bundle/esbuild';
import { runNode } from '../../bench/run-node';
import { createApp } from '../../handlers/core/app';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { ANONYMOUS_OWNER } from '../../handlers/core/auth/owner';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}
interface PeerWork {
  problemOf: (error: unknown) => Answer;
  ROUTES: { method: string; path: string; signedIn: boolean; work: (parts: unknown) => Promise<unknown> }[];
  noRoute: (method: string, path: string) => Error;
}

/** A peer handler module, bundled with our esbuild options, loaded with the project's node_modules. */
function load<T>(file: string): T {
  const entry = join(repoRoot, 'bench/peers/handlers', file);
  const out = join(repoRoot, '.bundle-out', 'peer-test', file.replace(/\.mjs$/, '.js'));
  const result = buildSync({ ...bundleOptions(entry, repoRoot, out, ['@aws-sdk/*']), sourcemap: false });
  const code = result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text;
  const module = new Module(out) as Module & { _compile(code: string, file: string): void; paths: string[] };
  module.paths = [join(repoRoot, 'node_modules')];
  module._compile(code, out);
  return module.exports as T;
}

const work = load<PeerWork>('notes-work.mjs');
const { problemOf } = work;

async function peerAnswer(contentType: string | undefined, body: Buffer): Promise<{ status: number; body: unknown }> {
  const create = work.ROUTES.find((r) => r.method === 'POST' && r.path === '/api/notes')!;
  try {
    await create.work({
      owner: ANONYMOUS_OWNER,
      query: {},
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body,
      id: undefined,
    });
  } catch (error) {
    const answer = problemOf(error);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    return { status: answer.status, body: JSON.parse(answer.text) };
  }
  throw new Error('the peer accepted a bad body');
}

async function ourAnswer(contentType: string | undefined, body: Buffer): Promise<{ status: number; body: unknown }> {
  const app = createApp({
    auth: noSignIn(),
    notes: new MemoryNoteStore(),
    activity: new MemoryActivityStore(),
    servedBy: 'aws',
  });
  const response = await app.fetch(
    new Request('https://x.example/api/notes', {
      method: 'POST',
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body: new Uint8Array(body),
    }),
  );
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return { status: response.status, body: await response.json() };
}

describe("the peers' handler work", () => {
  const json = 'application/json';
  it.each([
    ['an empty title', json, Buffer.from('{"title":"","body":""}')],
    ['a wrong type and an unknown key', json, Buffer.from('{"title":"a","body":1,"extra":true}')],
    ['a JSON array', json, Buffer.from('[]')],
    ['text that is not JSON', json, Buffer.from('{"title":')],
    ['an empty body', json, Buffer.alloc(0)],
    ['bytes that are not UTF-8', json, Buffer.from([0x7b, 0xff, 0x7d])],
    ['another media type', 'text/plain', Buffer.from('{}')],
    ['another charset', 'application/json; charset=latin1', Buffer.from('{}')],
    ['a body over 64 KiB', json, Buffer.from(JSON.stringify({ title: 'a', body: 'x'.repeat(70_000) }))],
  ])('refuses %s exactly as ours does', async (_what, contentType, body) => {
    const theirs = await peerAnswer(contentType, body);
    expect(theirs.status).toBeGreaterThanOrEqual(400);
    expect(theirs).toEqual(await ourAnswer(contentType, body));
  });

  it('answers a known path with another method 405 + Allow, an unknown one 404', () => {
    expect(problemOf(work.noRoute('PATCH', '/api/notes/x'))).toMatchObject({
      status: 405,
      headers: { allow: 'GET, PUT, DELETE' },
    });
    expect(problemOf(work.noRoute('GET', '/api/nothing')).status).toBe(404);
  });

  it('puts every notes route behind the token check, and hello and health outside it', () => {
    expect(work.ROUTES.filter((r) => !r.signedIn).map((r) => r.path)).toEqual(['/api/hello', '/api/health']);
  });

  it("serves exactly our app's routes (hello, health, the notes routes), each with its work", () => {
    const app = createApp({
      auth: noSignIn(),
      notes: new MemoryNoteStore(),
      activity: new MemoryActivityStore(),
      servedBy: 'aws',
    });
    // Hono's route table; `ALL` entries are middleware (logging, 405s, the guard), not routes.
    const ours = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const theirs = work.ROUTES.map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect(new Set(theirs)).toEqual(ours);
    expect(theirs).toHaveLength(ours.size); // no route twice
    for (const route of work.ROUTES) expect([route.path, typeof route.work]).toEqual([route.path, 'function']);
  });
});

describe("the peers' request line", () => {
  // A child process: the bundle reads the real environment and writes to the real console.
  async function linesWith(value: string | undefined): Promise<string[]> {
    const entry = join(repoRoot, 'bench/peers/handlers/peer-log.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'peer-log-'));
    try {
      const file = join(dir, 'peer-log.js');
      const built = buildSync({ ...bundleOptions(entry, repoRoot, file, []), sourcemap: false });
      writeFileSync(file, built.outputFiles!.find((f) => f.path.endsWith('.js'))!.contents);
      const env = { PATH: process.env.PATH, ...(value === undefined ? {} : { PEER_REQUEST_LOG: value }) };
      const script = `require(${JSON.stringify(file)}).requestLine('GET')('/api/hello', 200)`;
      const { stdout } = await runNode(['-e', script], { env, timeoutMs: 30_000 });
      return stdout.split('\n').filter(Boolean);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('writes one JSON line like ours (method, route, status, duration) when the cold call turns it on', async () => {
    const lines = await linesWith('console');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { level: 'info', cloud: 'aws', method: 'GET', route: '/api/hello', status: 200, durationMs: expect.any(Number) },
    ]);
    expect(await linesWith(undefined)).toEqual([]);
  });
});
