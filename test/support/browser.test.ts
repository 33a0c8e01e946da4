import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserForTests, findBrowser } from './browser';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'browser-finder-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeExecutable(name: string, mode = 0o755): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, mode);
  return file;
}

test('CHROMIUM_PATH wins over PATH', () => {
  const explicit = fakeExecutable('my-chrome');
  fakeExecutable('chromium');
  expect(findBrowser({ CHROMIUM_PATH: explicit, PATH: dir })).toBe(explicit);
});

test('a CHROMIUM_PATH that is not executable is an error, not a silent fallback', () => {
  const notExecutable = fakeExecutable('chromium', 0o644);
  expect(() => findBrowser({ CHROMIUM_PATH: notExecutable, PATH: dir })).toThrow(/not an executable file/);
});

test('finds the usual command names on PATH, in order', () => {
  const chrome = fakeExecutable('google-chrome');
  expect(findBrowser({ PATH: `/nonexistent:${dir}` })).toBe(chrome);
  const chromium = fakeExecutable('chromium');
  expect(findBrowser({ PATH: dir })).toBe(chromium);
});

test('a file on PATH without the execute bit is not a browser', () => {
  fakeExecutable('chromium', 0o644);
  expect(findBrowser({ PATH: dir }, [])).toBeUndefined();
});

test('no browser: skipped with the install command, or a failure when CI requires one', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    expect(browserForTests({ PATH: dir }, [])).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/apt-get install chromium/));
    expect(() => browserForTests({ PATH: dir, REQUIRE_BROWSER: '1' }, [])).toThrow(/REQUIRE_BROWSER=1 and no Chromium/);
  } finally {
    warn.mockRestore();
  }
});
