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
 * between), so signals and the pid are local mode's own. With `viaTsxCli`, as `tsx local/main.ts`
 * runs it: the tsx CLI process, which starts node with the loader as its child, in a process group of
 * its own (like a terminal's foreground job) so a test can signal the whole group as Ctrl-C does.
 */
export function runMain(args: string[], env: NodeJS.ProcessEnv = {}, options: { viaTsxCli?: boolean } = {}): Running {
  const command = options.viaTsxCli
    ? [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'local', 'main.ts')]
    : ['--import', 'tsx', join(root, 'local', 'main.ts')];
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: root,
    // A free issuer port unless a test says otherwise: 3003 may be taken by a local mode already running.
    env: { ...process.env, LOCAL_AWS_PORT: '', LOCAL_AZURE_PORT: '', LOCAL_ISSUER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.viaTsxCli ?? false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until stdout matches, or fails when the process exits first or the deadline passes. */
export async function waitForOutput(running: Running, pattern: RegExp, deadlineMs = 90_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + deadlineMs;
  let exited = false;
  void running.exited.then(() => (exited = true));
  for (;;) {
    const match = running.stdout().match(pattern);
    if (match) return match;
    if (exited || Date.now() > deadline)
      throw new Error(`no ${pattern} in output:\n${running.stdout()}\n${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
