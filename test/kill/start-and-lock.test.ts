import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bench/startup';
import { runMain, waitForOutput } from '../local/helpers/run-main';

// Start-up as a user meets it: a real `npm start` process. Until both stores are loaded the ports
// answer 503 problem+json with Retry-After and x-served-by (never 500); one instance per data
// directory; --in-memory needs no data directory; a taken port leaves nothing behind.

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kill-start-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const urlsLine = /^awsUrl {4}(http:\/\/localhost:\d+)\nazureUrl {2}(http:\/\/localhost:\d+)$/m;

interface Answer {
  cloud: 'aws' | 'azure';
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  servedBy: string | null;
  body: string;
}

/** One GET, or undefined while nothing listens on the port yet. */
async function ask(cloud: Answer['cloud'], port: number): Promise<Answer | undefined> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${port}/api/notes?limit=1`, { signal: AbortSignal.timeout(10_000) });
  } catch {
    return undefined;
  }
  const h = response.headers;
  return {
    cloud,
    status: response.status,
    contentType: h.get('content-type'),
    retryAfter: h.get('retry-after'),
    servedBy: h.get('x-served-by'),
    body: await response.text(),
  };
}

it('answers 503 problem+json with Retry-After and x-served-by while loading, then 200; never 500', async () => {
  const ports = { aws: await freePort(), azure: await freePort() };
  // Sign-in off: this is about start-up (a notes route answers 200 once loaded).
  const run = runMain([
    '--aws-port',
    String(ports.aws),
    '--azure-port',
    String(ports.azure),
    '--data-dir',
    dataDir,
    '--auth',
    'none',
  ]);
  const answers: Answer[] = [];
  try {
    const deadline = Date.now() + 120_000;
    const up = { aws: false, azure: false };
    while (!(up.aws && up.azure) && Date.now() < deadline) {
      for (const cloud of ['aws', 'azure'] as const) {
        const answer = await ask(cloud, ports[cloud]);
        if (answer) answers.push(answer);
        up[cloud] ||= answer?.status === 200;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(up).toEqual({ aws: true, azure: true });
    await waitForOutput(run, urlsLine);
  } finally {
    run.child.kill('SIGKILL');
    await run.exited;
  }
  const starting = answers.filter((a) => a.status !== 200);
  // The SDKs alone take seconds to load after the ports open: each cloud answered 503 first.
  expect(new Set(starting.map((a) => a.cloud))).toEqual(new Set(['aws', 'azure']));
  for (const answer of starting) {
    expect(answer).toEqual({
      cloud: answer.cloud,
      status: 503,
      contentType: 'application/problem+json',
      retryAfter: '1',
      servedBy: `local-${answer.cloud}`,
      body: expect.stringContaining('"title":"Service Unavailable"'),
    });
  }
}, 150_000);

it('lets one of two simultaneous starts on a data directory run; the other refuses in one line with exit 2', async () => {
  const args = ['--aws-port', '0', '--azure-port', '0', '--data-dir', dataDir];
  const runs = [runMain(args), runMain(args)];
  try {
    const first = await Promise.race(runs.map((run, i) => run.exited.then((code) => ({ i, code }))));
    expect(first.code).toBe(2);
    const refused = runs[first.i]!;
    expect(refused.stderr()).toMatch(
      new RegExp(
        `^${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another local mode \\(pid \\d+\\); stop it, or pass --data-dir <dir> or --in-memory\\n$`,
      ),
    );
    await waitForOutput(runs[1 - first.i]!, urlsLine, 120_000);

    // --in-memory needs no data directory: it starts although the directory is taken.
    const inMemory = runMain([...args, '--in-memory']);
    try {
      await waitForOutput(inMemory, urlsLine, 120_000);
      expect(inMemory.stderr()).toContain('the data directory is in use: no urls.json written');
    } finally {
      inMemory.child.kill('SIGKILL');
      await inMemory.exited;
    }
  } finally {
    for (const run of runs) run.child.kill('SIGKILL');
    await Promise.all(runs.map((run) => run.exited));
  }
  // A SIGKILLed instance leaves its lock behind; the next start takes it over at once.
  const again = runMain(['--aws-port', '0', '--azure-port', '0', '--data-dir', dataDir]);
  try {
    await waitForOutput(again, urlsLine, 120_000);
  } finally {
    again.child.kill('SIGKILL');
    await again.exited;
  }
}, 300_000);

it('refuses a taken port before creating the data directory', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;
  const missing = join(dataDir, 'not-yet');
  try {
    const run = runMain(['--aws-port', '0', '--azure-port', String(port), '--data-dir', missing]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toBe(`port ${port} is in use; pass --azure-port <port> to choose another\n`);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
