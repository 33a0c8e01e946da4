import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain, waitForOutput, type Running } from '../../local/helpers/run-main';
import { checkNote, emptyTotals, type Cloud, type CloudTotals, type NoteLedger } from './ledger';
import { seededRandom } from './seeded';
import { startWriters } from './writer';
import { URLS_OUTPUT } from '../../../local/urls-output';

// Kill-restart cycles against a real `npm start` process on one data directory: start, write on both
// clouds, signal it at a seeded random moment, start again and check every acknowledged write and
// its events. Bounded: `cycles` runs, each killed within `maxKillAfterMs` of its load starting.

/** The load and timing both kill tests run under: a kill 1–4 s into each cycle, 8 writers per cloud. */
export const KILL_LOAD = {
  minKillAfterMs: 1_000,
  maxKillAfterMs: 4_000,
  clientsPerCloud: 8,
  eventDeadlineMs: 60_000,
} as const;

export interface KillOptions {
  dataDir: string;
  signal: 'SIGKILL' | 'SIGTERM';
  cycles: number;
  seed: number;
  minKillAfterMs: number;
  maxKillAfterMs: number;
  clientsPerCloud: number;
  /** How long a restarted process may take to deliver what it recovered. */
  eventDeadlineMs: number;
  /** Each SIGTERM'd process's exit code (0 expected). */
  onExit?: (code: number | null, stderr: string) => void;
}

export type Totals = Record<Cloud, CloudTotals>;

const startDeadlineMs = 120_000;
const checkConcurrency = 16;

async function start(dataDir: string): Promise<{ run: Running; urls: Record<Cloud, string> }> {
  const run = runMain(['--aws-port', '0', '--azure-port', '0', '--data-dir', dataDir, '--auth', 'none'], {
    LOCAL_STOP_TIMEOUT_MS: '10000',
  });
  const [, aws, azure] = await waitForOutput(run, URLS_OUTPUT, startDeadlineMs);
  return { run, urls: { aws: aws!, azure: azure! } };
}

/** Checks notes a few at a time (as clients would; not thousands of requests at once). */
async function checkAll(
  urls: Record<Cloud, string>,
  notes: NoteLedger[],
): Promise<Awaited<ReturnType<typeof checkNote>>[]> {
  const results: Awaited<ReturnType<typeof checkNote>>[] = [];
  for (let i = 0; i < notes.length; i += checkConcurrency) {
    results.push(
      ...(await Promise.all(notes.slice(i, i + checkConcurrency).map((note) => checkNote(urls[note.cloud], note)))),
    );
  }
  return results;
}

/** Checks notes against the running clouds, waiting (bounded) for events still being delivered. */
async function verify(
  urls: Record<Cloud, string>,
  notes: NoteLedger[],
  totals: Totals,
  deadlineMs: number,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let results = await checkAll(urls, notes);
  while (results.some((r) => r.missing.length > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    results = await checkAll(urls, notes);
  }
  for (const [i, result] of results.entries()) {
    const cloud = notes[i]!.cloud;
    if (result.lost) {
      totals[cloud].lost += 1;
      if (totals[cloud].lostExamples.length < 3) totals[cloud].lostExamples.push(result.observed);
    }
    totals[cloud].eventsMissing += result.missing.length;
  }
}

async function stopGracefully(run: Running): Promise<void> {
  run.child.kill('SIGTERM');
  await run.exited;
}

export async function killCycles(options: KillOptions): Promise<{ totals: Totals; final: Totals }> {
  const random = seededRandom(options.seed);
  const totals: Totals = { aws: emptyTotals(), azure: emptyTotals() };
  const ledger: NoteLedger[] = [];
  let current = await start(options.dataDir);
  try {
    for (let cycle = 0; cycle < options.cycles; cycle += 1) {
      const fresh: NoteLedger[] = [];
      const writers = (['aws', 'azure'] as const).map((cloud) =>
        startWriters(
          cloud,
          current.urls[cloud],
          fresh,
          totals[cloud],
          random,
          options.clientsPerCloud,
          `cycle ${cycle} ${cloud}`,
        ),
      );
      const killAfter =
        options.minKillAfterMs + Math.floor(random() * (options.maxKillAfterMs - options.minKillAfterMs));
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      current.run.child.kill(options.signal);
      const code = await current.run.exited;
      if (options.signal === 'SIGTERM') options.onExit?.(code, current.run.stderr());
      for (const writer of writers) writer.stop();
      await Promise.all(writers.map((w) => w.done));
      ledger.push(...fresh);
      current = await start(options.dataDir);
      await verify(current.urls, fresh, totals, options.eventDeadlineMs);
    }
    // Every note of every cycle once more: a later restart (log replay, compaction) must not lose older writes.
    const final: Totals = { aws: emptyTotals(), azure: emptyTotals() };
    await verify(current.urls, ledger, final, options.eventDeadlineMs);
    await stopGracefully(current.run);
    return { totals, final };
  } finally {
    current.run.child.kill('SIGKILL');
  }
}

export function summary(
  label: string,
  result: { totals: Totals; final: Totals },
  cycles: number,
  seed: number,
): string {
  const rows = (['aws', 'azure'] as const).map((cloud) => {
    const t = result.totals[cloud];
    const f = result.final[cloud];
    const examples = [...t.lostExamples, ...f.lostExamples].map((e) => `\n    lost: ${e}`).join('');
    return `  ${cloud.padEnd(5)} acknowledged ${t.acknowledged}, lost ${t.lost} (final re-check ${f.lost}), events missing ${t.eventsMissing} (final re-check ${f.eventsMissing}), unexpected answers ${t.unexpected}${examples}`;
  });
  return `${label}: ${cycles} cycles, seed ${seed}\n${rows.join('\n')}\n`;
}

/** The test's verdict: something was acknowledged on each cloud, and nothing of it lost or undelivered. */
export function expectNothingLost(result: { totals: Totals; final: Totals }): void {
  for (const cloud of ['aws', 'azure'] as const) {
    const { acknowledged, lost, eventsMissing, unexpected } = result.totals[cloud];
    expect({ cloud, lost, eventsMissing, unexpected }).toEqual({ cloud, lost: 0, eventsMissing: 0, unexpected: 0 });
    expect(acknowledged).toBeGreaterThan(0);
    expect({ cloud, lost: result.final[cloud].lost, eventsMissing: result.final[cloud].eventsMissing }).toEqual({
      cloud,
      lost: 0,
      eventsMissing: 0,
    });
  }
}

/** A data directory of the suite's own, removed after it. */
export function suiteDataDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir!, { recursive: true, force: true }));
  return () => dir!;
}
