// One cold start, measured the way Lambda reports it: a fresh runtime process is started against the
// loopback Runtime API, which times when the process first asks for work (the runtime and the
// handler module are loaded: Lambda's Init Duration) and when the first answer arrives. The process
// is then killed by its pid: every measurement pays a whole cold start.
import { spawn } from 'node:child_process';
import type { Invocation, RuntimeApi } from './runtime-api';

export interface RuntimeCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface FreshStart {
  /** Process start → first `next` call: the runtime and the handler module loaded. */
  initMs: number;
  /** Process start → the first invocation's response: what the first caller waits for. */
  firstResponseMs: number;
}

export async function measureFreshStart(
  api: RuntimeApi,
  runtime: RuntimeCommand,
  invocation: Invocation,
  check: (responseBody: string) => string | undefined,
  timeoutMs: number,
): Promise<FreshStart> {
  api.reset();
  let output = '';
  const started = performance.now();
  const child = spawn(runtime.command, runtime.args, {
    cwd: runtime.cwd,
    env: runtime.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  api.invoke(invocation);
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      api.outcome(invocation.requestId),
      exited.then((code) => {
        throw new Error(
          `the runtime exited (${code}) before answering${api.initError() ? `: init error ${api.initError()}` : ''}\n${output.slice(-2000)}`,
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${timeoutMs} ms\n${output.slice(-2000)}`)),
          timeoutMs,
        );
      }),
    ]);
    if (outcome.kind === 'error') throw new Error(`the handler failed: ${outcome.body.slice(0, 500)}`);
    const wrong = check(outcome.body);
    if (wrong) throw new Error(`unexpected first response (${wrong}): ${outcome.body.slice(0, 500)}`);
    const firstNext = api.firstNextAt();
    if (firstNext === undefined) throw new Error('the runtime answered without asking for work');
    return { initMs: firstNext - started, firstResponseMs: outcome.at - started };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGKILL');
      await exited;
    }
  }
}
