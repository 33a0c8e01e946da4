import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { delay } from './retry-policy';

// One local mode per data directory: two would write the same stores. The lock is a file holding the
// owner's pid, created atomically (link(2) of a finished temp file fails if the lock exists, so it is
// never seen half-written). A lock whose pid is no longer running was left by a crash (SIGKILL, power
// loss) and is taken over at once; the take-over itself is serialised by an atomic mkdir, so of two
// instances starting together on a stale lock exactly one wins.

/** Another local mode already uses this data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`${dataDir} is in use by another local mode (pid ${pid}); stop it, or pass --data-dir <dir> or --in-memory`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

/** A take-over mutex older than this was left by a crash in the middle of a take-over (it takes µs). */
const staleTakeOverMs = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // gone meanwhile, or unreadable: not a live holder
  }
}

function tryCreate(file: string): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${process.pid}\n`);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** Removes the lock if, checked under the take-over mutex, its holder is still not running. */
async function takeOverStale(file: string): Promise<void> {
  const mutex = `${file}.takeover`;
  for (;;) {
    try {
      mkdirSync(mutex);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(mutex).mtimeMs > staleTakeOverMs) rmdirSync(mutex);
      } catch {
        // released meanwhile
      }
      await delay(20);
    }
  }
  try {
    const holder = holderOf(file);
    if (holder === undefined || !isAlive(holder)) unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    rmdirSync(mutex);
  }
}

/** Locks `dataDir` (creating it) for this process; DataDirInUseError if a running process holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'lock');
  for (;;) {
    if (tryCreate(file)) {
      return {
        release() {
          if (holderOf(file) === process.pid) unlinkSync(file);
        },
      };
    }
    const holder = holderOf(file);
    if (holder !== undefined && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
    await takeOverStale(file);
  }
}
