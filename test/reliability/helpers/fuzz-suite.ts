import { newCounter, printTotals } from './fuzz-runner';
import { snapshot, startClouds, type Cloud, type Clouds } from './local-clouds';

/**
 * The frame every fuzz file shares: both local clouds started once (seeded), the store snapshotted
 * before any input, the inputs tried printed at the end. Register `expectStoreUnchanged` as the file's
 * LAST test, so it runs after every property.
 */
export function fuzzOnBothClouds(name: string) {
  let running: Clouds | undefined;
  let before: unknown[] = [];
  const counter = newCounter();

  beforeAll(async () => {
    running = await startClouds();
    before = await Promise.all(running.clouds.map(snapshot));
  });

  afterAll(async () => {
    printTotals(name, counter);
    await running?.stop();
  });

  const started = (): Clouds => {
    if (!running) throw new Error('the local clouds did not start');
    return running;
  };

  return {
    counter,
    clouds: (): [Cloud, Cloud] => started().clouds,
    async expectStoreUnchanged(): Promise<void> {
      const { local, clouds } = started();
      await local.drain();
      expect(await Promise.all(clouds.map(snapshot))).toEqual(before);
      expect(local.pending()).toBe(0);
    },
  };
}
