// The interim cost CLI over a saved `compare --json`: a report on success, exit 2 with the reason and
// the usage on bad input, and nothing written then.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCostCli } from '../../compare/cost/cli';
import { sampledSteps } from './cost-samples';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cost-cli-'));
  writeFileSync(join(dir, 'compare.json'), JSON.stringify({ same: true, steps: sampledSteps('local') }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = runCostCli(
    argv,
    (s) => void (out += s),
    (s) => void (err += s),
  );
  return { code, out, err };
}

it("prints the cost tables for the dev stack's regions, and writes the HTML page when asked", () => {
  const report = join(dir, 'cost.html');
  const { code, out, err } = run(
    '--from',
    join(dir, 'compare.json'),
    '--traffic',
    'hobby',
    '--stack',
    'dev',
    '--report',
    report,
  );
  expect({ code, err }).toEqual({ code: 0, err: '' });
  expect(out).toMatch(/│ aws\s+│ eu-west-1\s+│/);
  expect(out).toMatch(/│ azure\s+│ northeurope\s+│/);
  expect(out).toContain('hobby: 1,000 requests/day');
  expect(existsSync(report)).toBe(true);
});

it('prints JSON with --json', () => {
  const { code, out } = run('--from', join(dir, 'compare.json'), '--json');
  expect(code).toBe(0);
  expect(JSON.parse(out).stack).toEqual({
    awsRegion: 'us-east-1',
    azureRegion: 'eastus',
    functionMemoryMb: 512,
    azureInstanceMemoryMb: 2048,
    logRetentionDays: 30,
  });
});

it.each([
  [[], '--from FILE is required'],
  [['--from', 'no-such-file.json'], 'no-such-file.json'],
  [['--from', 'FILE', '--traffic', 'weekly'], 'unknown traffic profile "weekly"'],
  [['--from', 'FILE', '--colour'], "Unknown option '--colour'"],
])('exits 2 on %j, naming the problem, writing nothing', (argv, message) => {
  const report = join(dir, `never-${Math.random()}.html`);
  const args = argv.map((a) => (a === 'FILE' ? join(dir, 'compare.json') : a));
  const { code, out, err } = run(...args, '--report', report);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toContain(message);
  expect(err).toContain('Usage: npx tsx compare/cost/main.ts');
  expect(existsSync(report)).toBe(false);
});
