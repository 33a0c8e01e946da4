import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killCycles, summary } from './helpers/kill-cycles';
import { envInt } from './helpers/seeded';

// SIGKILL a real `npm start` mid-load at seeded random moments, restart it on the same data
// directory, and check that no acknowledged create, update or delete was lost on either cloud and
// that every one of them got its event. KILL_CYCLES (default 3) and KILL_SEED choose the run; e.g.
// `KILL_CYCLES=20 npx jest test/kill/sigkill.test.ts` for the long run.

const cycles = envInt('KILL_CYCLES', 3);
const seed = envInt('KILL_SEED', 13);

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kill-sigkill-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it(`loses no acknowledged write and no event over ${cycles} SIGKILL-restart cycles (seed ${seed})`, async () => {
  const result = await killCycles({ dataDir, signal: 'SIGKILL', cycles, seed, minKillAfterMs: 1_000, maxKillAfterMs: 4_000, clientsPerCloud: 8, eventDeadlineMs: 60_000 });
  process.stdout.write(summary('SIGKILL', result, cycles, seed));
  for (const cloud of ['aws', 'azure'] as const) {
    const { acknowledged, lost, eventsMissing, unexpected } = result.totals[cloud];
    expect({ cloud, lost, eventsMissing, unexpected }).toEqual({ cloud, lost: 0, eventsMissing: 0, unexpected: 0 });
    expect(acknowledged).toBeGreaterThan(0);
    expect({ cloud, lost: result.final[cloud].lost, eventsMissing: result.final[cloud].eventsMissing }).toEqual({ cloud, lost: 0, eventsMissing: 0 });
  }
}, 60_000 + cycles * 150_000);
