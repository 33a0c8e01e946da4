import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeFeedPump } from '../../local/change-feed-pump';
import { DeliveryQueue } from '../../local/delivery-queue';
import { openJournal, readJournal } from '../../local/journal';
import { applyWal, type WalEntry } from '../../local/azure/cosmos-snapshot';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-'));
  file = join(dir, 'journal', 'pipe.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fast = { maxAttempts: 3, baseDelayMs: 1 };

describe('journal', () => {
  it('recovers what was appended and not done, in order, across a reopen (as after a crash)', async () => {
    const first = openJournal<string>(file);
    const entries = await first.append(['a', 'b', 'c']);
    first.done([entries[1]!.seq]);
    await first.append(['d']);
    // No close: a SIGKILL does not close anything either.
    const second = openJournal<string>(file);
    expect(second.recovered.map((e) => e.item)).toEqual(['a', 'c', 'd']);
    // New entries continue after the recovered sequence numbers.
    expect((await second.append(['e']))[0]!.seq).toBeGreaterThan(Math.max(...second.recovered.map((e) => e.seq)));
    await second.close();
  });

  it('is durable when append resolves: the line is in the file', async () => {
    const journal = openJournal<{ n: number }>(file);
    await journal.append([{ n: 1 }]);
    expect(readJournal(file).map((e) => e.item)).toEqual([{ n: 1 }]);
    await journal.close();
  });

  it('drops a torn last line (a crash mid-write) but refuses damage elsewhere', () => {
    void openJournal<string>(file).close();
    appendFileSync(file, '{"s":1,"i":"kept"}\n{"s":2,"i":"to');
    expect(readJournal(file).map((e) => e.item)).toEqual(['kept']);
    writeFileSync(file, '{"s":1,"i":"kept"}\nnot json\n{"s":2,"i":"x"}\n');
    expect(() => readJournal(file)).toThrow(/line 2 is not a journal line/);
  });

  it('writes done marks on their own when no append comes to carry them', async () => {
    const journal = openJournal<string>(file);
    const [a, b] = await journal.append(['a', 'b']);
    journal.done([a!.seq]);
    // No append and no close: the mark still reaches the file (polled; a crash now would lose only it).
    for (let i = 0; i < 200 && readJournal(file).length > 1; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(readJournal(file)).toEqual([{ seq: b!.seq, item: 'b' }]);
    await journal.close();
  });

  it('answers an append of nothing at once, and refuses appends after close (a late done mark is dropped)', async () => {
    const journal = openJournal<string>(file);
    await expect(journal.append([])).resolves.toEqual([]);
    const [entry] = await journal.append(['kept']);
    await journal.close();
    await expect(journal.append(['late'])).rejects.toThrow('journal closed');
    journal.done([entry!.seq]);
    // The entry was never marked done: it comes back, and nothing was written after close.
    expect(readJournal<string>(file).map((e) => e.item)).toEqual(['kept']);
  });

  it('starts the file over once everything in it is done', async () => {
    const journal = openJournal<string>(file);
    const entries = await journal.append(['a', 'b']);
    journal.done(entries.map((e) => e.seq));
    await journal.close(); // flushes the done marks
    expect(readJournal(file)).toEqual([]);
    expect(statSync(file).size).toBe(0);
  });
});

describe('pipes on a journal', () => {
  it('the change feed delivers recovered records first, in order, then new ones', async () => {
    const before = openJournal<number>(file);
    await before.append([1, 2, 3]);
    const delivered: number[] = [];
    const journal = openJournal<number>(file);
    const pump = new ChangeFeedPump<number>(
      'test',
      async (batch) => void delivered.push(...batch),
      [],
      2,
      fast,
      journal,
    );
    expect(pump.pending).toBe(3);
    await pump.append(4);
    pump.resume();
    await pump.drain();
    expect(delivered).toEqual([1, 2, 3, 4]);
    await journal.close();
    expect(readJournal(file)).toEqual([]); // all checkpointed
  });

  it('the bus delivers recovered events after a restart and checkpoints them', async () => {
    const before = openJournal<string>(file);
    await before.append(['lost in a crash']);
    const delivered: string[] = [];
    const journal = openJournal<string>(file);
    const queue = new DeliveryQueue<string>('test', async (item) => void delivered.push(item), [], fast, journal);
    queue.resume();
    await queue.enqueue('new');
    await queue.drain();
    expect(delivered.sort()).toEqual(['lost in a crash', 'new']);
    await journal.close();
    expect(readJournal(file)).toEqual([]);
  });
});

describe('Cosmos write-ahead log replay', () => {
  it('applies upserts and deletes in log order onto the snapshot, per partition key', () => {
    const snapshot = {
      notes: [{ id: 'n1', title: 'old' }],
      activity: [
        { id: 'e1', noteId: 'n1' },
        { id: 'e1', noteId: 'n2' },
      ],
    };
    const log: WalEntry[] = [
      { c: 'notes', doc: { id: 'n1', title: 'new', _etag: 'x', _ts: 1 } },
      { c: 'notes', doc: { id: 'n2', title: 'gone soon' } },
      { c: 'notes', del: 'n2', pk: 'n2' },
      { c: 'activity', del: 'e1', pk: 'n2' },
    ];
    const result = applyWal(
      snapshot,
      log.map((item, i) => ({ seq: i + 1, item })),
      { notes: '/id', activity: '/noteId' },
    );
    expect(result).toEqual({ notes: [{ id: 'n1', title: 'new' }], activity: [{ id: 'e1', noteId: 'n1' }] });
  });
});
