// Flags: defaults, bounds named in the error, URLs checked, nothing accepted that a run could choke on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../compare/errors';
import { HELP, parseOptions } from '../../compare/options';

const urls = ['--aws', 'http://127.0.0.1:1', '--azure', 'http://127.0.0.1:2'];

function usageError(argv: string[], cwd?: string): string {
  try {
    parseOptions(argv, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

test('defaults are safe and both URLs are normalised', () => {
  const options = parseOptions([
    '--aws',
    'https://abc.execute-api.eu-west-1.amazonaws.com/',
    '--azure',
    'https://app.azurewebsites.net',
  ]);
  expect(options).toMatchObject({
    aws: 'https://abc.execute-api.eu-west-1.amazonaws.com',
    azure: 'https://app.azurewebsites.net',
    requests: 100,
    concurrency: 8,
    timeoutMs: 10_000,
    json: false,
    skipLatency: false,
  });
});

test.each([
  [['--requests', '0'], '--requests must be in 1..10000 (got 0)'],
  [['--requests', '10001'], '--requests must be in 1..10000 (got 10001)'],
  [['--requests', '5e3'], '--requests must be a whole number in 1..10000 (got "5e3")'],
  [['--concurrency', '65'], '--concurrency must be in 1..64 (got 65)'],
  [['--concurrency=-1'], '--concurrency must be a whole number in 1..64 (got "-1")'],
  [['--timeout', '99'], '--timeout must be in 100..60000 (got 99)'],
  [['--timeout', '60001'], '--timeout must be in 100..60000 (got 60001)'],
  [['--event-timeout', 'soon'], '--event-timeout must be a whole number in 100..600000 (got "soon")'],
  [['--event-notes', '51'], '--event-notes must be in 1..50 (got 51)'],
  [['--wait-ready', 'soon'], '--wait-ready must be a duration such as 90s or 10m (got "soon")'],
  [['--wait-ready', '10h'], '--wait-ready must be a duration such as 90s or 10m (got "10h")'],
  [['--wait-ready', '999ms'], '--wait-ready must be in 1s..30m (got 999ms)'],
  [['--wait-ready', '31m'], '--wait-ready must be in 1s..30m (got 31m)'],
])('%j is refused with the allowed range', (flags, message) => {
  expect(usageError([...urls, ...flags])).toBe(message);
});

test('--wait-ready takes ms, s (the default) or m; without it the preflight checks once', () => {
  const wait = (raw: string) => parseOptions([...urls, '--wait-ready', raw]).waitReadyMs;
  expect([wait('1500ms'), wait('90'), wait('90s'), wait('10m'), wait('30m')]).toEqual([
    1500, 90_000, 90_000, 600_000, 1_800_000,
  ]);
  expect(parseOptions(urls).waitReadyMs).toBeUndefined();
});

test('bounds themselves are accepted', () => {
  const options = parseOptions([...urls, '--requests', '10000', '--concurrency', '1', '--timeout', '100']);
  expect([options.requests, options.concurrency, options.timeoutMs]).toEqual([10000, 1, 100]);
});

test('unknown flags, positionals and one URL alone are usage errors', () => {
  expect(usageError(['--retries', '3'])).toMatch(/Unknown option '--retries'/);
  expect(usageError(['http://127.0.0.1:1'])).toMatch(/positional/i);
  expect(usageError(['--aws', 'http://127.0.0.1:1'])).toBe(
    'give both --aws and --azure, or neither (to read them from Pulumi or local mode)',
  );
  expect(usageError(['--requests'])).toMatch(/argument missing/);
  // parseArgs' several lines become one.
  expect(usageError(['--concurrency', '-1'])).toMatch(
    /^Option '--concurrency' argument is ambiguous\. Did you forget [^\n]+$/,
  );
});

test('URLs must be http(s) base URLs', () => {
  expect(usageError(['--aws', 'not a url', '--azure', 'http://127.0.0.1:2'])).toBe('--aws is not a URL: "not a url"');
  expect(usageError(['--aws', 'ftp://x', '--azure', 'http://127.0.0.1:2'])).toBe(
    '--aws must be an http or https URL (got "ftp://x")',
  );
  expect(usageError(['--aws', 'http://127.0.0.1:1', '--azure', 'http://x/?a=1'])).toMatch(
    /--azure must not have a query/,
  );
});

test('--stack cannot be combined with explicit URLs, and must look like a stack name', () => {
  expect(usageError([...urls, '--stack', 'dev'])).toMatch(/cannot be combined/);
  expect(usageError(['--stack', 'dev; rm -rf /'])).toMatch(/not a stack name/);
  expect(parseOptions(['--stack', 'org/project/dev']).stack).toBe('org/project/dev');
});

test('--report must point into an existing folder (checked before anything runs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compare-options-'));
  try {
    expect(parseOptions([...urls, '--report', 'out.html'], dir).report).toBe(join(dir, 'out.html'));
    expect(usageError([...urls, '--report', 'missing/out.html'], dir)).toBe(
      `--report: the folder ${join(dir, 'missing')} does not exist`,
    );
    expect(usageError([...urls, '--report', '.'], dir)).toBe(`--report: ${dir} is a folder`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help says that POSTs are never retried', () => {
  expect(parseOptions(['--help']).help).toBe(true);
  expect(HELP).toMatch(/POST, PUT and DELETE are sent exactly once/);
});
