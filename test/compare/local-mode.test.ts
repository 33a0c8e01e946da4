// compare against the real local mode (both emulated clouds, found through .local/urls.json): each
// must meet the contract on its own and the two must behave the same, event path included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../compare/cli';
import { SCENARIO } from '../../compare/scenario';
import type { CompareReport } from '../../compare/types';
import { silentLogger } from '../../local/log';
import { capturedIo } from './captured-io';
import { type LocalMode, startLocal } from '../../local/start-local';

let dir: string;
let local: LocalMode;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compare-local-'));
  local = await startLocal({
    awsPort: 0,
    azurePort: 0,
    inMemory: true,
    dataDir: join(dir, '.local'),
    log: silentLogger,
  });
});

afterAll(async () => {
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('local mode: discovered from .local/urls.json, signed in as two users from its issuer, both clouds meet the contract and behave the same (exit 0)', async () => {
  const io = capturedIo(dir);
  const code = await runCli(
    ['--json', '--requests', '20', '--concurrency', '4', '--event-notes', '2', '--event-timeout', '15000'],
    io,
  );
  const report = JSON.parse(io.out()) as CompareReport;
  expect(io.err()).toBe('');
  expect(report.source.kind).toBe('local');
  expect(report.urls).toEqual({ aws: local.awsUrl, azure: local.azureUrl });
  expect(report.violations).toEqual([]);
  expect(report.differences).toEqual([]);
  expect(report.meetsContract).toEqual({ aws: true, azure: true });
  // Signed in as two users of local mode's issuer: every owner-isolation step ran on both clouds, none skipped.
  expect(report.signIn.on).toBe(true);
  const ownerSteps = report.steps.filter((s) => SCENARIO.find((step) => step.name === s.step)?.needsSignIn);
  expect(ownerSteps.length).toBeGreaterThan(10);
  expect(
    ownerSteps.filter(
      (s) => s.notApplicable !== undefined || s.aws.status === undefined || s.azure.status === undefined,
    ),
  ).toEqual([]);
  const statuses = (name: string) => {
    const s = report.steps.find((r) => r.step === name)!;
    return [s.aws.status, s.azure.status];
  };
  expect([statuses('no-token'), statuses('forged-token'), statuses('b-get-a-note'), statuses('b-create')]).toEqual([
    [401, 401],
    [401, 401],
    [404, 404],
    [201, 201],
  ]);
  // The event path ran: every write of the scenario has its event, and the delivery run saw each note's.
  expect((report.steps.find((s) => s.step === 'events')!.aws.body as { items: unknown[] }).items).toHaveLength(7);
  expect([report.eventLatency!.aws.undelivered, report.eventLatency!.azure.undelivered]).toEqual([0, 0]);
  expect(code).toBe(0);
});
