// The preflight: before any write, GET /api/health must answer as the contract says on both URLs.
// Otherwise exit 2 with one line per cloud saying what was found; --wait-ready polls until both are ready.
import { runCli } from '../../compare/cli';
import type { CompareReport } from '../../compare/types';
import { capturedIo } from './captured-io';
import { type TestServer, startCoreServer, startPair } from './core-server';

async function compare(args: string[]) {
  const io = capturedIo(__dirname);
  const code = await runCli([...args, '--json', '--skip-latency', '--event-timeout', '3000'], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Nothing but reads reached the servers (the preflight never writes). */
function onlyReads(...servers: TestServer[]): void {
  const seen = servers.flatMap((s) => s.seen);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((line) => !line.startsWith('GET '))).toEqual([]);
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

test('a base URL with /api too many: exit 2, one line per cloud naming the wrong base path, nothing written', async () => {
  const pair = await startPair();
  try {
    const run = await compare(['--aws', `${pair.aws.url}/api`, '--azure', `${pair.azure.url}/api`]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `compare: preflight: aws ${pair.aws.url}/api: GET /api/health answered 404: wrong base path, the URL must not end in /api (compare adds it): try ${pair.aws.url}\n` +
        `compare: preflight: azure ${pair.azure.url}/api: GET /api/health answered 404: wrong base path, the URL must not end in /api (compare adds it): try ${pair.azure.url}\n`,
    });
    expect(pair.aws.seen).toEqual(['GET /api/api/health']);
    onlyReads(pair.aws, pair.azure);
  } finally {
    await pair.close();
  }
});

test('another service answering 200 {"ok":true} to everything: exit 2, "another service", nothing written', async () => {
  const other = { transform: () => json(200, { ok: true }) };
  const pair = await startPair(other, other);
  try {
    const run = await compare(['--aws', pair.aws.url, '--azure', pair.azure.url]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      `compare: preflight: aws ${pair.aws.url}: GET /api/health answered 200 but not application/json {"status":"ok"}: another service (found application/json {"ok":true})`,
    );
    onlyReads(pair.aws, pair.azure);
  } finally {
    await pair.close();
  }
});

test('a health check without x-served-by: exit 2 naming the header (the same URL twice: compare-run.test.ts)', async () => {
  const pair = await startPair({
    transform: (_request, response) => {
      const headers = new Headers(response.headers);
      headers.delete('x-served-by');
      return new Response(response.body, { status: response.status, headers });
    },
  });
  try {
    const run = await compare(['--aws', pair.aws.url, '--azure', pair.azure.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `compare: preflight: azure ${pair.azure.url}: GET /api/health has x-served-by (absent), expected azure or local-azure: is this the azure URL?\n`,
    );
    onlyReads(pair.aws, pair.azure);
  } finally {
    await pair.close();
  }
});

test('not ready: a refused connection and a 503 are each one line, exit 2', async () => {
  const closed = await startCoreServer('local-aws');
  await closed.close(); // a port that was just free: nothing answers there now
  const down = await startCoreServer('local-azure', {
    transform: () => json(503, { status: 503 }, { 'retry-after': '1' }),
  });
  try {
    const run = await compare(['--aws', closed.url, '--azure', down.url, '--timeout', '2000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `compare: preflight: aws ${closed.url}: GET /api/health got no answer (ECONNREFUSED): not running or not ready yet\n` +
        `compare: preflight: azure ${down.url}: GET /api/health answered 503: not ready (store or role assignments not answering yet; --wait-ready waits)\n`,
    );
    onlyReads(down);
  } finally {
    await down.close();
  }
});

test('--wait-ready: a cloud that turns ready after about 2 s is waited for, then the run passes', async () => {
  let ready = false;
  const timer = setTimeout(() => (ready = true), 2000);
  const pair = await startPair({
    transform: (_request, response) => (ready ? response : json(503, { status: 503 }, { 'retry-after': '1' })),
  });
  try {
    const run = await compare(['--aws', pair.aws.url, '--azure', pair.azure.url, '--wait-ready', '60s']);
    // Each wait says why, on stderr; stdout stays one JSON document.
    const waits = run.stderr.trim().split('\n');
    expect(waits.length).toBeGreaterThan(0);
    for (const line of waits) {
      expect(line).toMatch(
        new RegExp(
          `^compare: waiting: azure ${pair.azure.url}: GET /api/health answered 503: not ready .*; next try in \\d+\\.\\d s$`,
        ),
      );
    }
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CompareReport;
    expect(report.passed).toBe(true);
    expect(report.readyAfterAttempts.aws).toBe(1);
    expect(report.readyAfterAttempts.azure).toBeGreaterThan(1);
  } finally {
    clearTimeout(timer);
    await pair.close();
  }
});

test('--wait-ready: a cloud that never turns ready ends with exit 2 after the deadline, nothing written', async () => {
  const pair = await startPair({ transform: () => json(503, { status: 503 }, { 'retry-after': '1' }) });
  try {
    const run = await compare(['--aws', pair.aws.url, '--azure', pair.azure.url, '--wait-ready', '2s']);
    expect(run.code).toBe(2);
    expect(run.stderr.replace(/^compare: waiting: .*\n/gm, '')).toBe(
      `compare: preflight: still not ready after --wait-ready 2 s: azure ${pair.azure.url}: GET /api/health answered 503: not ready (store or role assignments not answering yet; --wait-ready waits)\n`,
    );
    expect(pair.aws.seen).toEqual(['GET /api/health']);
    expect(pair.azure.seen.length).toBeGreaterThan(1); // polled, with backoff
    onlyReads(pair.aws, pair.azure);
  } finally {
    await pair.close();
  }
});
