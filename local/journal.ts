import {
  closeSync,
  constants,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  ftruncate,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  write,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);

// The durable log behind every local delivery pipe (the change streams and the buses): the clouds keep
// a change until its subscriber has it (DynamoDB Streams for 24 h, the change feed for ever, Event Grid
// and EventBridge retry for a day), so local mode keeps it on disk until it was delivered or
// dead-lettered. One JSON line per record: `{"s":seq,"i":item}` when accepted, `{"d":[seq…]}` when
// done. Accepting writes durably (O_DSYNC, else fdatasync) before it resolves (the write it belongs to
// is only acknowledged after); "done" lines ride along with the next append's write, or are written a
// moment later on their own: losing one only means delivering again, which every subscriber tolerates
// (at least once). Appends that arrive while a write is under way share the next one (group commit),
// so the cost is per flush, not per record.

export interface JournalEntry<T> {
  seq: number;
  item: T;
}

export interface Journal<T> {
  /** Entries accepted before the last stop or crash and not done: deliver them again, in this order. */
  readonly recovered: readonly JournalEntry<T>[];
  /** Resolves with the entries' sequence numbers once they are durable. */
  append(items: readonly T[]): Promise<JournalEntry<T>[]>;
  /** Marks entries delivered (or dead-lettered): they are not recovered after a restart. */
  done(seqs: readonly number[]): void;
  /** Flushes what is buffered and closes the file. */
  close(): Promise<void>;
}

/** In-memory mode: nothing survives the process, so nothing is written. */
export function memoryJournal<T>(): Journal<T> {
  let seq = 0;
  return {
    recovered: [],
    append: async (items) => items.map((item) => ({ seq: ++seq, item })),
    done: () => undefined,
    close: async () => undefined,
  };
}

type Line<T> = { s: number; i: T } | { d: number[] };

/** The entries of a journal file not marked done, in order. A torn last line (crash mid-write) is dropped. */
export function readJournal<T>(file: string): JournalEntry<T>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const open = new Map<number, T>();
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    if (raw === '') continue;
    let line: Line<T>;
    try {
      line = JSON.parse(raw) as Line<T>;
    } catch (error) {
      // Only the last line can be torn (appends are sequential); anything else is damage.
      if (index === lines.length - 1) break;
      throw new Error(`${file} line ${index + 1} is not a journal line: ${(error as Error).message}`);
    }
    if ('d' in line) for (const seq of line.d) open.delete(seq);
    else open.set(line.s, line.i);
  }
  return [...open].map(([seq, item]) => ({ seq, item }));
}

/** Writes `text` to `file` so that a crash leaves either the old or the new file, never a torn one. */
export function replaceFileDurably(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  // The rename itself is durable only once the directory is.
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** How long "done" lines may wait for an append to carry them before they are written on their own. */
const DONE_LINES_WAIT_MS = 20;
// Where the platform has O_DSYNC, a write is durable when it returns: one call to the thread pool
// instead of a write and then an fdatasync (two hand-offs and two wake-ups on a busy machine).
const { O_APPEND, O_CREAT, O_DSYNC, O_WRONLY } = constants;

class FileJournal<T> implements Journal<T> {
  private lines: string[] = [];
  private waiters: (() => void)[] = [];
  private flushing: Promise<void> | undefined;
  private later: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private closed = false;
  private outstanding: number;
  private seq: number;

  constructor(
    private readonly fd: number,
    readonly recovered: readonly JournalEntry<T>[],
  ) {
    this.outstanding = recovered.length;
    this.seq = recovered.reduce((max, entry) => Math.max(max, entry.seq), 0);
  }

  append(items: readonly T[]): Promise<JournalEntry<T>[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('journal closed: nothing more can be made durable'));
    if (items.length === 0) return Promise.resolve([]);
    const entries = items.map((item) => ({ seq: ++this.seq, item }));
    for (const entry of entries) this.lines.push(`${JSON.stringify({ s: entry.seq, i: entry.item })}\n`);
    this.outstanding += entries.length;
    return new Promise((resolve, reject) => {
      this.waiters.push(() => (this.failure ? reject(this.failure) : resolve(entries)));
      this.flushSoon();
    });
  }

  done(seqs: readonly number[]): void {
    // After close the fd may be another file's: a late mark is dropped (the entry is delivered again).
    if (seqs.length === 0 || this.closed) return;
    this.lines.push(`${JSON.stringify({ d: seqs })}\n`);
    this.outstanding -= seqs.length;
    // Not waited for (see the header): the next append's write carries them, or one of their own later.
    if (!this.flushing && !this.later) this.later = setTimeout(() => this.flushSoon(), DONE_LINES_WAIT_MS).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.lines.length > 0) {
      this.flushSoon();
      await this.flushing;
    }
    closeSync(this.fd);
  }

  private flushSoon(): void {
    if (this.later) clearTimeout(this.later);
    this.later = undefined;
    this.flushing ??= this.flushAll().finally(() => {
      this.flushing = undefined;
      // Lines that arrived after the loop's last check, before this callback ran.
      if (this.waiters.length > 0) this.flushSoon();
      else if (this.lines.length > 0 && !this.later)
        this.later = setTimeout(() => this.flushSoon(), DONE_LINES_WAIT_MS).unref();
    });
  }

  // Group commit: while one write is on its way to the disk, every append that arrives joins the next.
  // Only appends keep the loop going: "done" lines left over wait for the next append or the timer.
  private async flushAll(): Promise<void> {
    do {
      if (this.lines.length === 0) return;
      const text = Buffer.from(this.lines.join(''));
      const waiters = this.waiters;
      this.lines = [];
      this.waiters = [];
      try {
        if (!this.failure) {
          const { bytesWritten } = await writeAsync(this.fd, text);
          // A short write (a full disk midway) left a cut line: nothing after it can be trusted.
          if (bytesWritten < text.length) throw new Error(`short write (${bytesWritten} of ${text.length} bytes)`);
          if (O_DSYNC === undefined && waiters.length > 0) await fdatasyncAsync(this.fd);
          // Everything written is done: start the file over instead of letting it grow (the fd appends).
          if (this.outstanding === 0 && this.lines.length === 0) await ftruncateAsync(this.fd, 0);
        }
      } catch (error) {
        // A journal that cannot write can no longer promise anything: refuse every later append.
        this.failure = new Error(`journal write failed: ${(error as Error).message}`);
      }
      for (const wake of waiters) wake();
    } while (this.waiters.length > 0);
  }
}

/** Opens (creating) a journal file, recovers its open entries and compacts the file to just those. */
export function openJournal<T>(file: string): Journal<T> {
  const recovered = readJournal<T>(file);
  replaceFileDurably(file, recovered.map((entry) => `${JSON.stringify({ s: entry.seq, i: entry.item })}\n`).join(''));
  const fd = openSync(file, O_WRONLY | O_APPEND | O_CREAT | (O_DSYNC ?? 0));
  fdatasyncSync(fd);
  return new FileJournal<T>(fd, recovered);
}
