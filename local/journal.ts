import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { fdatasync, ftruncate, write } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

// The durable log behind every local delivery pipe (the change streams and the buses): the clouds keep
// a change until its subscriber has it (DynamoDB Streams for 24 h, the change feed for ever, Event Grid
// and EventBridge retry for a day), so local mode keeps it on disk until it was delivered or
// dead-lettered. One JSON line per record: `{"s":seq,"i":item}` when accepted, `{"d":[seq…]}` when
// done. Accepting fsyncs before it resolves (the write it belongs to is only acknowledged after);
// "done" lines are written but not synced on their own (the next append's sync carries them): losing
// one only means delivering again, which every subscriber tolerates (at least once). Many appends
// share one write and one fdatasync (group commit), so the cost is per flush, not per record.

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);

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

class FileJournal<T> implements Journal<T> {
  private buffer: string[] = [];
  private waiters: (() => void)[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
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
    const entries = items.map((item) => ({ seq: ++this.seq, item }));
    for (const entry of entries) this.buffer.push(`${JSON.stringify({ s: entry.seq, i: entry.item })}\n`);
    this.outstanding += entries.length;
    return new Promise((resolve, reject) => {
      this.waiters.push(() => (this.failure ? reject(this.failure) : resolve(entries)));
      this.flushSoon();
    });
  }

  done(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    this.buffer.push(`${JSON.stringify({ d: seqs })}\n`);
    this.outstanding -= seqs.length;
    this.flushSoon();
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    closeSync(this.fd);
  }

  private flushSoon(): void {
    this.flushing ??= this.flushAll().finally(() => {
      this.flushing = undefined;
      // Lines or waiters that arrived after the loop's last check, before this callback ran.
      if (this.buffer.length > 0 || this.waiters.length > 0) this.flushSoon();
    });
  }

  private async flushAll(): Promise<void> {
    while (this.buffer.length > 0 || this.waiters.length > 0) {
      const text = this.buffer.join('');
      const waiters = this.waiters;
      this.buffer = [];
      this.waiters = [];
      try {
        if (text !== '') {
          await writeAsync(this.fd, text);
          // Only appends wait for durability. A flush of "done" lines alone is not synced: a lost one
          // means one more delivery, and the next append's sync makes it durable anyway.
          if (waiters.length > 0) await fdatasyncAsync(this.fd);
        }
        // Everything written is done: start the file over instead of letting it grow (the fd appends).
        if (this.outstanding === 0 && this.buffer.length === 0) await ftruncateAsync(this.fd, 0);
      } catch (error) {
        // A journal that cannot write can no longer promise anything: refuse every later append.
        this.failure = new Error(`journal write failed: ${(error as Error).message}`);
      }
      for (const wake of waiters) wake();
    }
  }
}

/** Opens (creating) a journal file, recovers its open entries and compacts the file to just those. */
export function openJournal<T>(file: string): Journal<T> {
  const recovered = readJournal<T>(file);
  replaceFileDurably(file, recovered.map((entry) => `${JSON.stringify({ s: entry.seq, i: entry.item })}\n`).join(''));
  const fd = openSync(file, 'a');
  fdatasyncSync(fd);
  return new FileJournal<T>(fd, recovered);
}
