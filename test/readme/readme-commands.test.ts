// README's commands, run as a newcomer runs them. Every command in a `sh` block or after `$ ` in a
// `console` block is either run here through npm (as written, plus only what keeps a test isolated: free
// ports, a temporary data directory and output files, a short latency run) with its output checked
// against what README shows, or listed below with the reason it cannot run here. A README command in
// neither list fails this test, so README never shows a command that nothing runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ISSUER_OUTPUT, URLS_OUTPUT } from '../../local/urls-output';
import { tokenFromIssuer } from '../support/tokens';
import { readmeCommands, readmeConsoleOutput } from './readme-blocks';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Commands that need what no test machine has; each with the reason. */
const NOT_RUN_HERE: [RegExp, string][] = [
  [/^(aws|az) /, 'a cloud CLI signed in to an account'],
  [/^export AWS_PROFILE=/, 'a cloud CLI signed in to an account'],
  [/^pulumi |\$\(pulumi /, 'the Pulumi CLI and a stack'],
  [/^npm run compare -- --stack /, 'the Pulumi CLI and a stack'],
  [
    /^npm run compare -- --cold-starts /,
    "a deployed stack and the deployer's credentials; against local mode: test/compare/cold-starts-cli.test.ts",
  ],
  [/^npm test$/, 'it is the command running this test (.ci/run runs it on a clean clone)'],
  [/^npm run compare$/, 'URL discovery from the Pulumi CLI or .local/urls.json: test/compare/discover.test.ts'],
  [
    /^npm run bench( -- --with-tests| -- --peers)?$/,
    'minutes of measurement that rewrite bench/results.* (--peers installs the peers on first use): run by hand',
  ],
  [
    /^REPORT_CONSUMPTION=true npm start$|^npm run compare -- --cost /,
    'local mode reporting consumption, priced by compare: test/compare/cost-compare-cli.test.ts',
  ],
];

/** The commands this file runs, exactly as README writes them. */
const RUN_HERE = [
  'npm ci && npm start',
  'npm start',
  'curl -i "http://localhost:3001/api/hello?name=x"',
  'npm run compare -- --aws URL --azure URL --report report.html',
  'npm run compare -- --help',
  'npm run plan',
  'npm run bench -- --help',
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm <args>` in the repository, to completion. */
function npm(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('every README command is run here or says why it cannot be', () => {
  const commands = readmeCommands(README);
  expect(commands).toContain('npm ci && npm start');
  const unaccounted = commands.filter(
    (command) => !RUN_HERE.includes(command) && !NOT_RUN_HERE.some(([pattern]) => pattern.test(command)),
  );
  expect(unaccounted).toEqual([]);
  // And nothing listed here has left README unnoticed.
  expect(RUN_HERE.filter((command) => !commands.includes(command))).toEqual([]);
});

describe('npm start, then the commands that use it', () => {
  let dir: string;
  let local: ReturnType<typeof spawn>;
  let out = '';
  let err = '';
  let urls: { aws: string; azure: string };
  let issuer: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'readme-'));
    // Its own process group, so the test can end npm and the local mode it started, and nothing else.
    local = spawn('npm', ['start', '--', '--data-dir', join(dir, 'data')], {
      cwd: ROOT,
      env: { ...process.env, LOCAL_AWS_PORT: '0', LOCAL_AZURE_PORT: '0', LOCAL_ISSUER_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    local.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    local.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise((resolve) => local.once('exit', resolve));
    await Promise.race([
      new Promise<void>((resolve) => {
        const check = () => (/local mode is up/.test(err) ? resolve() : setTimeout(check, 50));
        check();
      }),
      exited.then(() => {
        throw new Error(`npm start exited:\n${out}\n${err}`);
      }),
    ]);
    const [, aws = '', azure = ''] = URLS_OUTPUT.exec(out) ?? [];
    urls = { aws, azure };
    issuer = ISSUER_OUTPUT.exec(out)?.[1] ?? '';
  });

  afterAll(async () => {
    if (local?.pid && local.exitCode === null) {
      const exited = new Promise((resolve) => local.once('exit', resolve));
      process.kill(-local.pid, 'SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('npm start prints what README shows', () => {
    const shown = readmeConsoleOutput(README, 'npm start');
    expect(shown.length).toBeGreaterThan(0);
    const printed = `${out}${err}`.split('\n');
    for (const line of shown) {
      // README's ports are the defaults and its path an example: compare the shape.
      const shape = new RegExp(
        `^${line
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/localhost:300[12]/, 'localhost:\\d+')
          .replace('127\\.0\\.0\\.1:3003', '127\\.0\\.0\\.1:\\d+')
          .replace('/path/to/serverless-aws-azure/\\.local/', '.+/')}$`,
      );
      expect([line, printed.some((p) => shape.test(p))]).toEqual([line, true]);
    }
  });

  test.each(['aws', 'azure'] as const)('curl -i …/api/hello?name=x answers on %s as README shows', (cloud) => {
    const shown = readmeConsoleOutput(README, 'curl -i "http://localhost:3001/api/hello?name=x"');
    const url = `${urls[cloud]}/api/hello?name=x`;
    const curl = spawnSync('curl', ['-s', '-i', url], { encoding: 'utf8', timeout: 60_000 });
    expect(curl.error).toBeUndefined();
    const [head = '', body = ''] = curl.stdout.split('\r\n\r\n');
    const [status, ...headers] = head.split('\r\n');
    const [shownStatus, ...shownRest] = shown;
    expect(status).toBe(shownStatus);
    const blank = shownRest.indexOf('');
    for (const header of shownRest.slice(0, blank)) {
      const expected = cloud === 'azure' ? header.replace('local-aws', 'local-azure') : header;
      expect(headers.map((h) => h.toLowerCase())).toContain(expected.toLowerCase());
    }
    expect(body).toBe(shownRest.slice(blank + 1).join('\n'));
  });

  test('npm run compare -- --aws URL --azure URL --report report.html: exit 0, the table and the report', async () => {
    const report = join(dir, 'report.html');
    // As README says: compare signs in as two users, COMPARE_TOKEN and COMPARE_TOKEN_B, tokens of local mode's issuer here.
    const tokens = {
      COMPARE_TOKEN: await tokenFromIssuer(issuer, 'alice'),
      COMPARE_TOKEN_B: await tokenFromIssuer(issuer, 'bob'),
    };
    const run = await npm(
      ['run', 'compare', '--', '--aws', urls.aws, '--azure', urls.azure, '--report', report, '--requests', '10'],
      tokens,
    );
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    expect(run.stdout).toContain(`Comparing aws ${urls.aws} with azure ${urls.azure}`);
    expect(run.stdout).toMatch(/│ step\s+│/);
    expect(run.stdout).toMatch(/│ b-get-a-note\s+│\s+404 │\s+404 │ meets\s+│ meets\s+│ same/);
    expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

test('npm run compare -- --help: the usage on stdout, exit 0', async () => {
  const run = await npm(['run', 'compare', '--', '--help']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Usage: npm run compare -- \[options\]/);
  expect(run.stdout).toMatch(/--aws URL --azure URL/);
});

test('npm run compare with a bad flag: the error on stderr, nothing on stdout but npm, exit 2', async () => {
  const run = await npm(['run', '--silent', 'compare', '--', '--requests', 'many']);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/--requests/);
});

test('npm run plan: the concept table on stdout and the files it names', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readme-plan-'));
  try {
    const run = await npm(['run', 'plan', '--', '--out-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ concept\s+│ AWS\s+│ Azure\s+│/);
    expect(run.stdout).toContain('parity holds on every concept');
    expect(existsSync(join(dir, 'plan.md'))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run bench -- --help: the usage on stdout, exit 0', async () => {
  const run = await npm(['run', 'bench', '--', '--help']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Usage: npm run bench -- \[options\]/);
});

test("every dependency in package.json is in README's table of why it is there", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
    'dependencies' | 'devDependencies',
    Record<string, string>
  >;
  const section = README.slice(README.indexOf('## Dependencies'), README.indexOf('## Layout'));
  const named = new Set([...section.matchAll(/`([@\w./*-]+)`/g)].map((m) => m[1]!));
  // A row may name a scope's siblings by their short name after the first (`lib-dynamodb`), or a family (`@types/*`).
  const mentioned = (name: string) =>
    named.has(name) ||
    named.has(name.replace(/^@[\w-]+\//, '')) ||
    (name.startsWith('@types/') && named.has('@types/*'));
  const missing = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)].filter(
    (name) => !mentioned(name),
  );
  expect(missing).toEqual([]);
});
