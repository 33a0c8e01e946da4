// compare against the real local mode (both emulated clouds, found through .local/urls.json): the
// two clouds must behave the same, event path included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../compare/cli';
import { silentLogger } from '../../local/log';
import { type LocalMode, startLocal } from '../../local/start-local';

let dir: string;
let local: LocalMode;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compare-local-'));
  local = await startLocal({ awsPort: 0, azurePort: 0, inMemory: true, dataDir: join(dir, '.local'), log: silentLogger });
});

afterAll(async () => {
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('local mode: discovered from .local/urls.json, both clouds behave the same (exit 0)', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: dir, env: { PATH: '' } };
  const code = await runCli(['--json', '--requests', '20', '--concurrency', '4', '--event-notes', '2', '--event-timeout', '15000'], io);
  const report = JSON.parse(out.join('')) as { source: { kind: string }; differences: unknown[]; urls: object };
  expect(err).toEqual([]);
  expect(report.source.kind).toBe('local');
  expect(report.urls).toEqual({ aws: local.awsUrl, azure: local.azureUrl });
  expect(report.differences).toEqual([]);
  expect(code).toBe(0);
});
