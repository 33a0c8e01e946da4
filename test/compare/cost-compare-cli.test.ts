// `npm run compare -- --cost --traffic …` in one run: against local mode started with
// REPORT_CONSUMPTION=true the scenario is priced (terminal, --json and the report's cost section);
// against targets that report nothing it is exit 2 saying how to start them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../compare/cli';
import { REPORT_CONSUMPTION_SETTING } from '../../handlers/core/consumption';
import { startPair } from './core-server';

const ROOT = join(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'compare-cost-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd: ROOT, env: { PATH: '' }, out: () => out, err: () => err };
}

/** Local mode in memory on free ports, with consumption reporting on; resolves with its URLs. */
async function startLocalMode(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; aws: string; azure: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'local', 'main.ts'), '--in-memory', '--data-dir', join(dir, 'data'), '--aws-port', '0', '--azure-port', '0'], {
    cwd: ROOT,
    env: { ...process.env, LOCAL_AWS_PORT: '', LOCAL_AZURE_PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const urls = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /awsUrl\s+(\S+)\s*\nazureUrl\s+(\S+)/.exec(out);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`local mode exited ${code}`)));
  });
  return { child, aws: urls[1]!, azure: urls[2]! };
}

test('local mode reporting consumption: the scenario priced for a profile, in JSON and in the report', async () => {
  const local = await startLocalMode({ [REPORT_CONSUMPTION_SETTING]: 'true' });
  try {
    const cli = io();
    const report = join(dir, 'report.html');
    const code = await runCli(['--aws', local.aws, '--azure', local.azure, '--skip-latency', '--cost', '--traffic', 'hobby', '--json', '--report', report], cli);
    expect([code, cli.err()]).toEqual([0, expect.any(String)]);
    const json = JSON.parse(cli.out()) as { passed: boolean; cost: { profileText: string; monthly: Record<string, { usdWithoutFreeTiers: number }> } };
    expect(json.passed).toBe(true);
    expect(json.cost.profileText).toMatch(/^hobby:/);
    for (const cloud of ['aws', 'azure']) expect(json.cost.monthly[cloud]!.usdWithoutFreeTiers).toBeGreaterThan(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<section id="cost">');
    expect(html.indexOf('<section id="cost">')).toBeLessThan(html.lastIndexOf('<script>'));
  } finally {
    const exited = new Promise((resolve) => local.child.once('exit', resolve));
    local.child.kill('SIGKILL');
    await exited;
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
  expect(await runCli(['--aws', 'http://127.0.0.1:1', '--azure', 'http://127.0.0.1:2', '--cost', '--traffic', 'requests=lots'], bad)).toBe(2);
  expect(bad.err()).toMatch(/^compare: .*requests/);
  const orphan = io();
  expect(await runCli(['--traffic', 'hobby'], orphan)).toBe(2);
  expect(orphan.err()).toBe('compare: --traffic goes with --cost\n');
});
