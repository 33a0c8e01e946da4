import { expectNothingLost, killCycles, suiteDataDir, summary, KILL_LOAD } from './helpers/kill-cycles';
import { envInt } from './helpers/seeded';

// SIGKILL a real `npm start` mid-load at seeded random moments, restart it on the same data
// directory, and check that no acknowledged create, update or delete was lost on either cloud and
// that every one of them got its event. KILL_CYCLES (default 3) and KILL_SEED choose the run; e.g.
// `KILL_CYCLES=20 npx jest test/kill/sigkill.test.ts` for the long run.

const cycles = envInt('KILL_CYCLES', 3);
const seed = envInt('KILL_SEED', 13);

const dataDir = suiteDataDir('kill-sigkill-');

it(
  `loses no acknowledged write and no event over ${cycles} SIGKILL-restart cycles (seed ${seed})`,
  async () => {
    const result = await killCycles({
      dataDir: dataDir(),
      signal: 'SIGKILL',
      cycles,
      seed,
      ...KILL_LOAD,
    });
    process.stdout.write(summary('SIGKILL', result, cycles, seed));
    expectNothingLost(result);
  },
  60_000 + cycles * 150_000,
);
