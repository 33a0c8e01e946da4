import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killCycles, summary } from './helpers/kill-cycles';
import { envInt } from './helpers/seeded';

// SIGTERM a real `npm start` under load (clients on keep-alive connections keep sending): it must
// stop accepting, finish what is in flight, deliver what is pending and exit 0 within its stop
// timeout; after a restart every acknowledged write and event is there. KILL_CYCLES / KILL_SEED as
// for the SIGKILL test.

const cycles = envInt('KILL_CYCLES', 2);
const seed = envInt('KILL_SEED', 13);

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kill-sigterm-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it(`drains and exits 0 on SIGTERM under load, losing nothing, over ${cycles} cycles (seed ${seed})`, async () => {
  const exits: { code: number | null; stopped: boolean }[] = [];
  const result = await killCycles({
    dataDir,
    signal: 'SIGTERM',
    cycles,
    seed,
    minKillAfterMs: 1_000,
    maxKillAfterMs: 4_000,
    clientsPerCloud: 8,
    eventDeadlineMs: 60_000,
    onExit: (code, stderr) => exits.push({ code, stopped: /^stopped/m.test(stderr) }),
  });
  process.stdout.write(summary('SIGTERM', result, cycles, seed));
  expect(exits).toEqual(Array.from({ length: cycles }, () => ({ code: 0, stopped: true })));
  for (const cloud of ['aws', 'azure'] as const) {
    const { acknowledged, lost, eventsMissing, unexpected } = result.totals[cloud];
    expect({ cloud, lost, eventsMissing, unexpected }).toEqual({ cloud, lost: 0, eventsMissing: 0, unexpected: 0 });
    expect(acknowledged).toBeGreaterThan(0);
    expect({ cloud, lost: result.final[cloud].lost, eventsMissing: result.final[cloud].eventsMissing }).toEqual({ cloud, lost: 0, eventsMissing: 0 });
  }
}, 60_000 + cycles * 150_000);
