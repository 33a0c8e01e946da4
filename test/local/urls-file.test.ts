import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readUrlsFile, removeUrlsFile, writeUrlsFile } from '../../local/urls-file';
import { ISSUER_OUTPUT, TOKEN_COMMAND, URLS_OUTPUT, urlsOutput } from '../../local/urls-output';

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

it('keeps the issuer, reads the file back, and reads nothing from a missing or broken one', () => {
  writeUrlsFile(file, { ...urls, issuer: 'http://127.0.0.1:3003' });
  expect(readUrlsFile(file)).toMatchObject({ ...urls, issuer: 'http://127.0.0.1:3003' });
  expect(readUrlsFile(join(dir, 'none.json'))).toBeUndefined();
  writeFileSync(file, '{not json');
  expect(readUrlsFile(file)).toBeUndefined();
});

it('prints the issuer and the token command only when sign-in is on, and the patterns read them back', () => {
  const on = urlsOutput({ ...urls, issuer: 'http://127.0.0.1:3003' });
  expect(on.split('\n')).toEqual([
    'awsUrl    http://localhost:1',
    'azureUrl  http://localhost:2',
    'issuer    http://127.0.0.1:3003',
    `token     ${TOKEN_COMMAND}`,
    '',
  ]);
  expect(URLS_OUTPUT.exec(on)?.slice(1)).toEqual(['http://localhost:1', 'http://localhost:2']);
  expect(ISSUER_OUTPUT.exec(on)?.[1]).toBe('http://127.0.0.1:3003');
  const off = urlsOutput(urls);
  expect(off).toBe('awsUrl    http://localhost:1\nazureUrl  http://localhost:2\n');
  expect(ISSUER_OUTPUT.exec(off)).toBeNull();
});
