// The small rules the component relies on: name shapes and retention limits.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stagePackage } from '../../azure/code-deployment';
import { storageAccountLogicalName, stableUuid } from '../../azure/names';
import { fakePackage } from './fake-package';
import { workspaceRetentionDays } from '../../azure/telemetry';

it('derives storage account names Azure accepts (lower-case letters and digits, room for the random suffix)', () => {
  expect(storageAccountLogicalName('My-Azure_Stack.Prod-2026')).toBe('myazurestackprst');
  expect(storageAccountLogicalName('azure')).toMatch(/^[a-z0-9]{3,16}$/);
});

it('derives stable, well-formed GUIDs for role assignments', () => {
  const id = stableUuid('azure:app-cosmos-data-contributor');
  expect(id).toBe(stableUuid('azure:app-cosmos-data-contributor'));
  expect(id).not.toBe(stableUuid('other:app-cosmos-data-contributor'));
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

it('keeps retention Log Analytics accepts and raises shorter AWS-style values to its 30-day minimum', () => {
  expect(workspaceRetentionDays(90)).toBe(90);
  expect(workspaceRetentionDays(14)).toBe(30);
  expect(workspaceRetentionDays(730)).toBe(730);
});

describe('package staging', () => {
  it('writes nothing during a preview, and the zip under its hash otherwise', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stage-test-')), 'packages');
    try {
      const pkg = fakePackage('exports.y = 2;');
      const preview = stagePackage(pkg, dir, false);
      expect(fs.existsSync(dir)).toBe(false);
      const written = stagePackage(pkg, dir, true);
      expect(written).toEqual(preview);
      expect(path.basename(written.zipPath)).toBe(`${pkg.hash}.zip`);
      expect(fs.readFileSync(written.zipPath).equals(pkg.zip)).toBe(true);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
