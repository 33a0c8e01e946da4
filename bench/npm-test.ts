// The whole `npm test` (type-check + jest), once: how long a contributor waits. Optional (--with-tests).
import { spawn } from 'node:child_process';
import { trackGroup } from './interrupt';

export interface NpmTestRun {
  ms: number;
  exitCode: number | null;
}

export function measureNpmTest(repoRoot: string, timeoutMs = 20 * 60_000): Promise<NpmTestRun> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test'], {
      cwd: repoRoot,
      stdio: 'ignore',
      detached: true,
      env: { ...process.env, CI: '1' },
    });
    const release = trackGroup(child.pid);
    const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(killer);
      release();
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(killer);
      release();
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, exitCode: code });
    });
  });
}
