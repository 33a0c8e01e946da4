// The harness, not the speed: every adapter must answer each scenario correctly, or the bench stops.
import { measureAdapters } from '../../bench/adapter-micro';

describe('the in-process adapter benchmark', () => {
  it('drives the core app, the Lambda adapter and the Functions adapter through both scenarios', async () => {
    const results = await measureAdapters(500);
    expect(results.map((r) => [r.scenario, r.target, r.calls])).toEqual([
      ['hello', 'core fetch', 500],
      ['hello', 'aws adapter', 500],
      ['hello', 'azure adapter', 500],
      ['create-then-get', 'core fetch', 500],
      ['create-then-get', 'aws adapter', 500],
      ['create-then-get', 'azure adapter', 500],
    ]);
    for (const r of results) {
      expect(r.p50Us).toBeGreaterThan(0);
      expect(r.p99Us).toBeGreaterThanOrEqual(r.p50Us);
      if (r.target === 'core fetch') expect(r.p50Ratio).toBeUndefined();
      else expect(r.p50Ratio).toBeGreaterThan(0);
    }
  });
});
