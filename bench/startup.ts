// Local mode start-up: `npm start -- --in-memory` (tsx local/main.ts) on free ports, timed from spawn
// until both emulated clouds answer GET /api/health with 200.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackGroup, trackTempDir } from './interrupt';
import { summarize, type Summary } from './stats';

export interface Startup {
  ms: Summary;
}

function freePort(): Promise<number> {
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

async function startOnce(repoRoot: string, timeoutMs: number): Promise<number> {
  const [awsPort, azurePort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const releaseDir = trackTempDir(dataDir);
  const started = process.hrtime.bigint();
  // The tsx CLI, as `npm start` runs it (without npm's own start-up, which is not ours to measure).
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'local/main.ts', '--in-memory', '--aws-port', String(awsPort), '--azure-port', String(azurePort), '--data-dir', dataDir],
    { cwd: repoRoot, stdio: 'ignore', detached: true },
  );
  const release = trackGroup(child.pid);
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    const up = { aws: false, azure: false };
    while (!(up.aws && up.azure)) {
      if (exited) throw new Error('local mode exited before it answered /api/health');
      if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) throw new Error(`local mode did not answer /api/health within ${timeoutMs} ms`);
      up.aws ||= await healthy(awsPort);
      up.azure ||= await healthy(azurePort);
      if (!(up.aws && up.azure)) await new Promise((wake) => setTimeout(wake, 10));
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await stop(child.pid, () => exited, (listener) => child.once('exit', listener));
    release();
    rmSync(dataDir, { recursive: true, force: true });
    releaseDir();
  }
}

/** SIGTERM (local mode drains and exits), SIGKILL to our own process group if it takes over 15 s. */
async function stop(pid: number | undefined, exited: () => boolean, onExit: (listener: () => void) => void): Promise<void> {
  if (pid === undefined || exited()) return;
  await new Promise<void>((resolve) => {
    const killer = setTimeout(() => {
      process.kill(-pid, 'SIGKILL');
      resolve();
    }, 15_000);
    onExit(() => {
      clearTimeout(killer);
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

export async function measureStartup(repoRoot: string, runs: number): Promise<Startup> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await startOnce(repoRoot, 60_000));
  return { ms: summarize(samples) };
}
