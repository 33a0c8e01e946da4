import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeUrlsFile, writeUrlsFile } from '../../local/urls-file';

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
