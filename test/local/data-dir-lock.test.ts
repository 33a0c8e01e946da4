import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from '../../local/data-dir-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => join(dir, 'lock');
/** A pid that certainly ran and certainly ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

it('locks a directory once: a second lock, even from the same process, is refused until released', async () => {
  const lock = await lockDataDir(dir);
  expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
  await expect(lockDataDir(dir)).rejects.toThrow(`${dir} is in use by another local mode (pid ${process.pid})`);
  lock.release();
  expect(existsSync(lockFile())).toBe(false);
  (await lockDataDir(dir)).release();
});

it('refuses a lock held by another running process and leaves it untouched', async () => {
  writeFileSync(lockFile(), `${process.ppid}\n`);
  await expect(lockDataDir(dir)).rejects.toThrow(`pid ${process.ppid}`);
  expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.ppid}\n`);
});

it('takes over at once a lock whose process is gone (a crash leaves it behind)', async () => {
  writeFileSync(lockFile(), `${deadPid()}\n`);
  const lock = await lockDataDir(dir);
  expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
  lock.release();
});

it('lets exactly one of several processes racing for a stale lock win', async () => {
  writeFileSync(lockFile(), `${deadPid()}\n`);
  const script = `
    const { lockDataDir } = require(${JSON.stringify(join(__dirname, '../../local/data-dir-lock.ts'))});
    lockDataDir(process.argv[1]).then(
      () => { console.log('won'); setTimeout(() => process.exit(0), 3000); },
      (error) => { console.log(error.name); process.exit(0); },
    );`;
  const racers = Array.from({ length: 4 }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    return new Promise<string>((resolve) => child.on('exit', () => resolve(out.trim())));
  });
  const outcomes = await Promise.all(racers);
  expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
  expect(outcomes.filter((o) => o === 'DataDirInUseError')).toHaveLength(3);
}, 60_000);
