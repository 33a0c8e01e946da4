import { expectNothingLost, killCycles, suiteDataDir, summary, KILL_LOAD } from './helpers/kill-cycles';
import { envInt } from './helpers/seeded';

// SIGTERM a real `npm start` under load (clients on keep-alive connections keep sending): it must
// stop accepting, finish what is in flight, deliver what is pending and exit 0 within its stop
// timeout; after a restart every acknowledged write and event is there. KILL_CYCLES / KILL_SEED as
// for the SIGKILL test.

const cycles = envInt('KILL_CYCLES', 2);
const seed = envInt('KILL_SEED', 13);

const dataDir = suiteDataDir('kill-sigterm-');

it(
  `drains and exits 0 on SIGTERM under load, losing nothing, over ${cycles} cycles (seed ${seed})`,
  async () => {
    const exits: { code: number | null; stopped: boolean }[] = [];
    const result = await killCycles({
      dataDir: dataDir(),
      signal: 'SIGTERM',
      cycles,
      seed,
      ...KILL_LOAD,
      onExit: (code, stderr) => exits.push({ code, stopped: /^stopped/m.test(stderr) }),
    });
    process.stdout.write(summary('SIGTERM', result, cycles, seed));
    expect(exits).toEqual(Array.from({ length: cycles }, () => ({ code: 0, stopped: true })));
    expectNothingLost(result);
  },
  60_000 + cycles * 150_000,
);
