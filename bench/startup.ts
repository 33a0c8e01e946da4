// Local mode start-up: `npm start` (node --import tsx local/main.ts) on free ports, timed from spawn until both
// emulated clouds answer GET /api/health with 200. Once in memory, and once on disk with stored notes
// (the stores load, the Cosmos write-ahead log is compacted) — the second run also times how fast
// the notes were written on disk (every create durable before its answer).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { trackGroup, trackTempDir } from './interrupt';
import { requestToken } from '../local/oidc/request-token';
import { summarize, type Summary } from './stats';

export interface Startup {
  ms: Summary;
  /** On disk with `notesPerCloud` notes stored in each cloud. */
  stored?: { notesPerCloud: number; ms: Summary; createsPerS: { aws: number; azure: number } };
}

export const storedNotesPerCloud = 10_000;
const seedConnections = 16;

/** A port the OS just handed out and nobody holds (the process under test binds it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

interface Running {
  ports: { aws: number; azure: number; issuer: number };
  /** Spawn until both clouds answered /api/health with 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts local mode as `npm start` runs it (node with tsx's loader, without npm's own start-up) and waits until it is healthy. */
async function startLocalMode(repoRoot: string, args: string[], timeoutMs: number): Promise<Running> {
  // Its own issuer port too: local mode's default one may be taken by another local mode on the machine.
  const ports = { aws: await freePort(), azure: await freePort(), issuer: await freePort() };
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local/main.ts',
      ...args,
      '--aws-port',
      String(ports.aws),
      '--azure-port',
      String(ports.azure),
      '--issuer-port',
      String(ports.issuer),
    ],
    {
      cwd: repoRoot,
      stdio: 'ignore',
      detached: true,
    },
  );
  const release = trackGroup(child.pid);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stopChild = async () => {
    await stop(
      child.pid,
      () => exited,
      (listener) => child.once('exit', listener),
    );
    release();
  };
  try {
    const up = { aws: false, azure: false };
    while (!(up.aws && up.azure)) {
      if (exited) throw new Error('local mode exited before it answered /api/health');
      if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs)
        throw new Error(`local mode did not answer /api/health within ${timeoutMs} ms`);
      up.aws ||= await healthy(ports.aws);
      up.azure ||= await healthy(ports.azure);
      if (!(up.aws && up.azure)) await new Promise((wake) => setTimeout(wake, 10));
    }
    return { ports, readyMs: Number(process.hrtime.bigint() - started) / 1e6, stop: stopChild };
  } catch (error) {
    await stopChild();
    throw error;
  }
}

/** SIGTERM (local mode drains and exits), SIGKILL to our own process group if it takes over 60 s. */
async function stop(
  pid: number | undefined,
  exited: () => boolean,
  onExit: (listener: () => void) => void,
): Promise<void> {
  if (pid === undefined || exited()) return;
  await new Promise<void>((resolve) => {
    const killer = setTimeout(() => {
      process.kill(-pid, 'SIGKILL');
      resolve();
    }, 60_000);
    onExit(() => {
      clearTimeout(killer);
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

/** Creates `count` notes on one cloud (16 connections), signed in, and returns acknowledged creates per second. */
async function createNotes(port: number, count: number, authorization: string): Promise<number> {
  const started = performance.now();
  let created = 0;
  while (created < count) {
    const result = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: seedConnections,
          amount: count - created,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              path: '/api/notes',
              headers: { 'content-type': 'application/json', authorization },
              body: JSON.stringify({ title: 'stored note', body: 'x'.repeat(200) }),
            },
          ],
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      ),
    );
    if (result['2xx'] === 0)
      throw new Error(`no note was created on port ${port} (${result.non2xx} other answers, ${result.errors} errors)`);
    created += result['2xx'];
  }
  return count / ((performance.now() - started) / 1000);
}

/** One start of local mode (`args` as `npm start` takes them) until both clouds are healthy, in ms. */
export async function timedStart(repoRoot: string, args: string[]): Promise<number> {
  const running = await startLocalMode(repoRoot, args, 180_000);
  await running.stop();
  return running.readyMs;
}

/** Writes `notesPerCloud` notes into a fresh data directory (timed), then times `runs` starts on it. */
export async function measureStoredStartup(
  repoRoot: string,
  runs: number,
  notesPerCloud: number,
): Promise<NonNullable<Startup['stored']>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stored-'));
  const releaseDir = trackTempDir(dataDir);
  try {
    const seeding = await startLocalMode(repoRoot, ['--data-dir', dataDir], 180_000);
    let createsPerS: { aws: number; azure: number };
    try {
      const authorization = `Bearer ${await requestToken(`http://127.0.0.1:${seeding.ports.issuer}`, 'bench')}`;
      createsPerS = {
        aws: await createNotes(seeding.ports.aws, notesPerCloud, authorization),
        azure: await createNotes(seeding.ports.azure, notesPerCloud, authorization),
      };
    } finally {
      await seeding.stop(); // delivers every pending event before it exits
    }
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) samples.push(await timedStart(repoRoot, ['--data-dir', dataDir]));
    return { notesPerCloud, ms: summarize(samples), createsPerS };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    releaseDir();
  }
}

export async function measureStartup(
  repoRoot: string,
  runs: number,
  notesPerCloud = storedNotesPerCloud,
): Promise<Startup> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
    const releaseDir = trackTempDir(dataDir);
    try {
      samples.push(await timedStart(repoRoot, ['--in-memory', '--data-dir', dataDir]));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      releaseDir();
    }
  }
  return { ms: summarize(samples), stored: await measureStoredStartup(repoRoot, runs, notesPerCloud) };
}
