// Runs a short-lived Node process to completion, bounded by a timeout, and hands back its output.
import { execFile } from 'node:child_process';

export interface NodeRun {
  stdout: string;
  stderr: string;
  wallMs: number;
}

export interface RunNodeOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** `node <args>` with this very Node binary; rejects on a non-zero exit or on the timeout (the child is killed). */
export function runNode(args: string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        if (error) {
          reject(new Error(`node ${args.slice(0, 3).join(' ')} failed: ${error.message}\n${stderr.slice(-2000)}`));
          return;
        }
        resolve({ stdout, stderr, wallMs });
      },
    );
  });
}

/** The last line of stdout that parses as JSON: the child's result (earlier lines may be logs). */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line) as T;
    } catch {
      // not the result line
    }
  }
  throw new Error(`no JSON result line in the child's output: ${stdout.slice(-500)}`);
}
