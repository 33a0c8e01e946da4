// Local mode: a cold start is a fresh local-mode process (its own ports, in memory, a temporary data
// directory), so the first request meets handlers that have built nothing yet, as a new Lambda
// execution environment or Functions worker would. The process the user may be running is never
// touched: this one is started, and ended by its pid, by the driver.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URLS_OUTPUT } from '../../local/urls-output';
import type { Cloud } from '../types';
import type { ColdStartForcer } from './forcer';

export interface LocalForcer extends ColdStartForcer {
  /** The base URL of the fresh process's `cloud`, once `force` has resolved. */
  url(): string;
  /** The fresh process's pid, while it runs. */
  pid(): number | undefined;
}

export function localForcer(cloud: Cloud, repoRoot: string, options: { startTimeoutMs?: number } = {}): LocalForcer {
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  let current: string | undefined;

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (running && running.exitCode === null && running.pid !== undefined) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }

  return {
    cloud,
    target: `a fresh local-mode process (${cloud === 'aws' ? 'emulated API Gateway + Lambda' : 'emulated Functions host'})`,
    pid: () => (child?.exitCode === null ? child.pid : undefined),
    url() {
      if (!current) throw new Error('no fresh local mode yet: call force() first');
      return current;
    },
    async force() {
      await stop();
      dataDir = mkdtempSync(join(tmpdir(), 'compare-cold-start-'));
      const started = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(repoRoot, 'local', 'main.ts'),
          '--in-memory',
          '--data-dir',
          dataDir,
          '--aws-port',
          '0',
          '--azure-port',
          '0',
          '--issuer-port',
          '0',
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, LOCAL_AWS_PORT: '', LOCAL_AZURE_PORT: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = started;
      let stdout = '';
      let stderr = '';
      started.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const urls = await new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`local mode did not start within ${startTimeoutMs} ms: ${stderr.slice(-500)}`)),
          startTimeoutMs,
        );
        started.stdout!.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const found = URLS_OUTPUT.exec(stdout);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        });
        started.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`local mode exited (${code}) before it was up: ${stderr.slice(-500)}`));
        });
      });
      current = (cloud === 'aws' ? urls[1] : urls[2])!;
    },
    restore: stop,
  };
}
