import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** package.json's start script, exactly: what `npm start` runs after npm itself. */
export const START_SCRIPT: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;

/**
 * `npm start -- <args>` as one process (node with tsx's loader), so signals and the pid are local
 * mode's own. With `asStartScript`, the start script itself through `sh -c` (its `exec` makes the pid
 * the script's process), in a process group of its own (like a terminal's foreground job) so a test can
 * signal the whole group as Ctrl-C does.
 */
export function runMain(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { asStartScript?: boolean } = {},
): Running {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [file, command] = options.asStartScript
    ? ['sh', ['-c', `${START_SCRIPT} ${quoted}`]]
    : [process.execPath, ['--import', 'tsx', join(root, 'local', 'main.ts'), ...args]];
  const child = spawn(file, command, {
    cwd: root,
    // A free issuer port unless a test says otherwise: 3003 may be taken by a local mode already running.
    env: {
      ...process.env,
      // The script's `node` is the one running the tests (npm puts Node 22 first on PATH the same way).
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      LOCAL_AWS_PORT: '',
      LOCAL_AZURE_PORT: '',
      LOCAL_ISSUER_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.asStartScript ?? false,
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
