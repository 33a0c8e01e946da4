// URL discovery: flags, then a pulumi CLI on PATH (a stand-in script here: the real CLI cannot be
// installed on these machines), then a running local mode; otherwise one clear usage error.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverUrls, urlsFromStackOutputs } from '../../compare/discover';
import { UsageError } from '../../compare/errors';
import { startPair } from './core-server';

let dir: string;
let binDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'compare-discover-'));
  binDir = join(dir, 'bin');
  mkdirSync(binDir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// A hang guard only: every answer here is immediate (or a refused connection), however busy the machine.
const env = () => ({ cwd: dir, path: binDir, timeoutMs: 30_000 });

/** A `pulumi` that records its arguments and prints `stdout` (or fails with `stderr`). */
function fakePulumi(stdout: string, exitCode = 0, stderr = ''): void {
  const script = join(binDir, 'pulumi');
  writeFileSync(
    script,
    `#!/bin/sh\necho "$@" > "${join(dir, 'pulumi-args')}"\nprintf '%s' '${stdout}'\nprintf '%s' '${stderr}' >&2\nexit ${exitCode}\n`,
  );
  chmodSync(script, 0o755);
}

function writeLocalUrls(urls: object): void {
  mkdirSync(join(dir, '.local'));
  writeFileSync(join(dir, '.local', 'urls.json'), JSON.stringify(urls));
}

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

test('flags win, even with pulumi on PATH', async () => {
  fakePulumi('{"awsUrl":"http://a","azureUrl":"http://b"}');
  const found = await discoverUrls({ aws: 'http://x', azure: 'http://y' }, env());
  expect(found).toEqual({ kind: 'flags', detail: '--aws and --azure', urls: { aws: 'http://x', azure: 'http://y' } });
});

test('pulumi stack output: awsUrl/azureUrl, with --stack passed through', async () => {
  fakePulumi('{"awsUrl":"https://abc.execute-api.us-east-1.amazonaws.com/","azureUrl":"https://fn.azurewebsites.net"}');
  const found = await discoverUrls({ stack: 'dev' }, env());
  expect(found.kind).toBe('pulumi');
  expect(found.detail).toBe('pulumi stack output (stack dev)');
  expect(found.urls).toEqual({
    aws: 'https://abc.execute-api.us-east-1.amazonaws.com',
    azure: 'https://fn.azurewebsites.net',
  });
  expect(readFileSync(join(dir, 'pulumi-args'), 'utf8').trim()).toBe('stack output --json --stack dev');
});

test('the endpoints output is understood too', () => {
  expect(urlsFromStackOutputs({ endpoints: { aws: 'http://a', azure: { url: 'http://b' } } })).toEqual({
    aws: 'http://a',
    azure: 'http://b',
  });
  expect(urlsFromStackOutputs({ endpoints: { awsUrl: 'http://a' } })).toEqual({ aws: 'http://a' });
  expect(urlsFromStackOutputs('nonsense')).toEqual({});
});

test('a stack with one cloud only, or a failing pulumi, is explained; with --stack that ends discovery', async () => {
  fakePulumi('{"awsUrl":"http://a"}');
  expect(await usageError(discoverUrls({ stack: 'dev' }, env()))).toBe(
    'the stack exports aws; both awsUrl and azureUrl are needed (pulumi config set clouds both)',
  );
  fakePulumi('', 255, 'error: no stack selected');
  expect(await usageError(discoverUrls({}, env()))).toBe(
    'no URLs to compare: pass --aws URL --azure URL (tried pulumi: `pulumi stack output --json` failed: error: no stack selected; ' +
      'local: local mode is not running (no .local/urls.json; start it with npm start))',
  );
});

test('--stack without pulumi on PATH is a usage error', async () => {
  expect(await usageError(discoverUrls({ stack: 'dev' }, env()))).toBe('--stack needs the pulumi CLI on PATH');
});

test('a running local mode is found through .local/urls.json and its health endpoints', async () => {
  const pair = await startPair();
  try {
    writeLocalUrls({ awsUrl: pair.aws.url, azureUrl: `${pair.azure.url}/` });
    const found = await discoverUrls({}, env());
    expect(found).toEqual({
      kind: 'local',
      detail: 'local mode (.local/urls.json)',
      urls: { aws: pair.aws.url, azure: pair.azure.url },
    });
  } finally {
    await pair.close();
  }
});

test('a stale .local/urls.json (local mode stopped) is explained', async () => {
  const pair = await startPair();
  await pair.close(); // now nothing listens on these ports
  writeLocalUrls({ awsUrl: pair.aws.url, azureUrl: pair.azure.url });
  const message = await usageError(discoverUrls({}, env()));
  expect(message).toBe(
    `no URLs to compare: pass --aws URL --azure URL (tried pulumi: not on PATH; local: local mode is not running (${pair.aws.url}/api/health: ECONNREFUSED))`,
  );
});
