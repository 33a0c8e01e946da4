import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDataDirFree, DataDirInUseError, removeUrlsFile, writeUrlsFile } from '../../local/urls-file';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urls-file-'));
  file = join(dir, 'urls.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const urls = { awsUrl: 'http://localhost:1', azureUrl: 'http://localhost:2' };

it('writes the URLs with this pid and removes only its own file', () => {
  writeUrlsFile(file, urls);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ ...urls, pid: process.pid });
  removeUrlsFile(file, { ...urls, awsUrl: 'http://localhost:9' });
  expect(existsSync(file)).toBe(true);
  removeUrlsFile(file, urls);
  expect(existsSync(file)).toBe(false);
});

it('refuses a data directory claimed by another live process', () => {
  writeFileSync(file, JSON.stringify({ ...urls, pid: process.ppid }));
  expect(() => assertDataDirFree(file, dir)).toThrow(DataDirInUseError);
  expect(() => assertDataDirFree(file, dir)).toThrow(`pid ${process.ppid}`);
});

it('accepts a directory whose urls.json is stale (its process is gone), ours, garbage or absent', () => {
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  writeFileSync(file, JSON.stringify({ ...urls, pid: gone }));
  expect(() => assertDataDirFree(file, dir)).not.toThrow();
  writeFileSync(file, JSON.stringify({ ...urls, pid: process.pid }));
  expect(() => assertDataDirFree(file, dir)).not.toThrow();
  writeFileSync(file, 'not json');
  expect(() => assertDataDirFree(file, dir)).not.toThrow();
  rmSync(file);
  expect(() => assertDataDirFree(file, dir)).not.toThrow();
});
