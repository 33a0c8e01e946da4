// `npm run compare -- --cost --traffic …` in one run: against local mode started with
// REPORT_CONSUMPTION=true the scenario is priced (terminal, --json and the report's cost section);
// against targets that report nothing it is exit 2 saying how to start them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../compare/cli';
import { REPORT_CONSUMPTION_SETTING } from '../../contract/settings';
import { ISSUER_OUTPUT, URLS_OUTPUT } from '../../local/urls-output';
import { COMPARE_TOKEN_B_SETTING, COMPARE_TOKEN_SETTING } from '../../compare/sign-in';
import { tokenFromIssuer } from '../support/tokens';
import { runMain, waitForOutput, type Running } from '../local/helpers/run-main';
import { capturedIo } from './captured-io';
import { startPair } from './core-server';

const ROOT = join(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'compare-cost-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = () => capturedIo(ROOT);

/** Local mode in memory on free ports, with consumption reporting on; resolves with its URLs. */
async function startLocalMode(
  env: NodeJS.ProcessEnv,
): Promise<{ local: Running; aws: string; azure: string; tokens: Record<string, string> }> {
  const local = runMain(['--in-memory', '--data-dir', join(dir, 'data'), '--aws-port', '0', '--azure-port', '0'], env);
  const [, aws = '', azure = ''] = await waitForOutput(local, URLS_OUTPUT);
  const [, issuer = ''] = await waitForOutput(local, ISSUER_OUTPUT);
  const tokens = {
    [COMPARE_TOKEN_SETTING]: await tokenFromIssuer(issuer, 'alice'),
    [COMPARE_TOKEN_B_SETTING]: await tokenFromIssuer(issuer, 'bob'),
  };
  return { local, aws, azure, tokens };
}

test('local mode reporting consumption: the scenario priced for a profile, in JSON and in the report', async () => {
  const local = await startLocalMode({ [REPORT_CONSUMPTION_SETTING]: 'true' });
  try {
    // compare signs in as two users, COMPARE_TOKEN and COMPARE_TOKEN_B (compare/sign-in.ts).
    const cli = { ...io(), env: { PATH: '', ...local.tokens } };
    const report = join(dir, 'report.html');
    const code = await runCli(
      [
        '--aws',
        local.aws,
        '--azure',
        local.azure,
        '--skip-latency',
        '--cost',
        '--traffic',
        'hobby',
        '--json',
        '--report',
        report,
      ],
      cli,
    );
    expect([code, cli.err()]).toEqual([0, expect.any(String)]);
    const json = JSON.parse(cli.out()) as {
      passed: boolean;
      cost: { profileText: string; monthly: Record<string, { usdWithoutFreeTiers: number }> };
    };
    expect(json.passed).toBe(true);
    expect(json.cost.profileText).toMatch(/^hobby:/);
    for (const cloud of ['aws', 'azure']) expect(json.cost.monthly[cloud]!.usdWithoutFreeTiers).toBeGreaterThan(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<section id="cost">');
    expect(html.indexOf('<section id="cost">')).toBeLessThan(html.lastIndexOf('<script>'));
  } finally {
    local.local.child.kill('SIGKILL');
    await local.local.exited;
  }
});

test('targets that report no consumption, or a bad profile: exit 2 with the reason', async () => {
  const pair = await startPair();
  try {
    const cli = io();
    expect(await runCli(['--aws', pair.aws.url, '--azure', pair.azure.url, '--skip-latency', '--cost'], cli)).toBe(2);
    expect(cli.err()).toMatch(/--cost: .*REPORT_CONSUMPTION=true/);
  } finally {
    await pair.close();
  }
  const bad = io();
  expect(
    await runCli(
      ['--aws', 'http://127.0.0.1:1', '--azure', 'http://127.0.0.1:2', '--cost', '--traffic', 'requests=lots'],
      bad,
    ),
  ).toBe(2);
  expect(bad.err()).toMatch(/^compare: .*requests/);
  const orphan = io();
  expect(await runCli(['--traffic', 'hobby'], orphan)).toBe(2);
  expect(orphan.err()).toBe('compare: --traffic goes with --cost\n');
});
