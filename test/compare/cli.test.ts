// `npm run compare` as users run it: a child process through tsx. Exit 0 both meet the contract and
// behave the same, 1 not (named), 2 bad flags or a failed preflight, with one line on stderr and no stack trace.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../compare/cli';
import { startPair } from './core-server';
import { capturedIo } from './captured-io';
import { startSignedInPair } from './sign-in-servers';

const ROOT = join(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the servers under test live in this process and must keep answering.
function compareCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), 'compare/main.ts', ...args],
      { cwd: ROOT, timeout: 110_000, env: { ...process.env, PATH: '', NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const SMALL = ['--requests', '20', '--concurrency', '4', '--event-notes', '1', '--event-timeout', '3000'];

test('two servers that meet the contract and behave the same, signed in as two users: exit 0, the table, the source of the URLs', async () => {
  const pair = await startSignedInPair();
  try {
    // The two users' tokens in the environment, as a user gives them for a deployed stack.
    const run = await compareCli(['--aws', pair.aws.url, '--azure', pair.azure.url, ...SMALL], pair.tokens);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Comparing aws ${pair.aws.url} with azure ${pair.azure.url} (URLs from --aws and --azure)`,
    );
    expect(run.stdout).toMatch(/│ update-stale-if-match\s+│\s+412 │\s+412 │ meets\s+│ meets\s+│ same\s+│/);
    expect(run.stdout).toMatch(/│ b-put-a-note\s+│\s+404 │\s+404 │ meets\s+│ meets\s+│ same\s+│/);
    expect(run.stdout).toContain('Sign-in is on (aws and azure answer 401 without a token)');
    expect(run.stdout).toContain('Latency: 20 × GET /api/notes?limit=1 per cloud');
    expect(run.stdout.trim().split('\n').pop()).toBe('Both clouds meet the contract and behave the same.');
  } finally {
    await pair.close();
  }
});

test('a divergent server: exit 1 and --json names the step, the path and both values', async () => {
  const pair = await startPair({
    transform: (request, response) =>
      request.method === 'DELETE' && response.status === 204
        ? new Response(null, { status: 200, headers: response.headers })
        : response,
  });
  try {
    const run = await compareCli([
      '--aws',
      pair.aws.url,
      '--azure',
      pair.azure.url,
      '--json',
      '--skip-latency',
      '--event-timeout',
      '3000',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { same: boolean; differences: unknown[] };
    expect(report.same).toBe(false);
    expect(report.differences).toContainEqual({ step: 'delete', path: 'status', aws: '204', azure: '200' });
  } finally {
    await pair.close();
  }
});

test('a flag out of bounds: exit 2, one line naming the range, not one request sent', async () => {
  const pair = await startPair();
  try {
    const run = await compareCli(['--aws', pair.aws.url, '--azure', pair.azure.url, '--concurrency', '65']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'compare: --concurrency must be in 1..64 (got 65)\n' });
    expect([...pair.aws.seen, ...pair.azure.seen]).toEqual([]);
  } finally {
    await pair.close();
  }
});

test('an unreachable URL: exit 2, one line per cloud on stderr, no stack trace', async () => {
  const pair = await startPair();
  await pair.close(); // a port that was just free: nothing answers there now
  const run = await compareCli(['--aws', pair.aws.url, '--azure', pair.azure.url, '--timeout', '2000']);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(
    `compare: preflight: aws ${pair.aws.url}: GET /api/health got no answer (ECONNREFUSED): not running or not ready yet\n` +
      `compare: preflight: azure ${pair.azure.url}: GET /api/health got no answer (ECONNREFUSED): not running or not ready yet\n`,
  );
  expect(run.stdout).toBe(`Comparing aws ${pair.aws.url} with azure ${pair.azure.url} (URLs from --aws and --azure)\n`);
});

test('--help prints the usage and exits 0; no URLs anywhere is exit 2', async () => {
  const help = capturedIo(__dirname);
  expect(await runCli(['--help'], help)).toBe(0);
  expect(help.out()).toMatch(/^Usage: npm run compare/);
  const noUrls = capturedIo(__dirname);
  expect(await runCli([], noUrls)).toBe(2);
  expect(noUrls.err()).toMatch(
    /^compare: no URLs to compare: pass --aws URL --azure URL \(tried pulumi: not on PATH; local: [^\n]+\)\n$/,
  );
  expect(noUrls.out()).toBe('');
});
