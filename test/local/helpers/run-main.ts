import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * `npm start -- <args>` as one process (node with tsx's loader; no npm or tsx wrapper process in
 * between), so signals and the pid are local mode's own.
 */
export function runMain(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'local', 'main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOCAL_AWS_PORT: '', LOCAL_AZURE_PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until stdout matches, or fails when the process exits first or the deadline passes. */
export async function waitForOutput(running: Running, pattern: RegExp, deadlineMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + deadlineMs;
  let exited = false;
  void running.exited.then(() => (exited = true));
  for (;;) {
    const match = running.stdout().match(pattern);
    if (match) return match;
    if (exited || Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${running.stdout()}\n${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
