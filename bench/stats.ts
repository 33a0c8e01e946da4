// Summary statistics for benchmark samples. Pure, so they are unit-tested (test/bench/stats.test.ts).

export interface Summary {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
}

function sortedFinite(samples: readonly number[], what: string): number[] {
  if (samples.length === 0) throw new Error(`${what}: no samples`);
  for (const s of samples) {
    if (!Number.isFinite(s)) throw new Error(`${what}: sample ${String(s)} is not a finite number`);
  }
  return [...samples].sort((a, b) => a - b);
}

/** The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics (R type 7, numpy's default). */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be within 0..1, not ${q}`);
  if (sorted.length === 0) throw new Error('quantile: no samples');
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function quantile(samples: readonly number[], q: number): number {
  return quantileOfSorted(sortedFinite(samples, 'quantile'), q);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Median with its spread: min/max and the interquartile range ends. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = sortedFinite(samples, 'summarize');
  return {
    n: sorted.length,
    min: sorted[0],
    p25: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    p75: quantileOfSorted(sorted, 0.75),
    max: sorted[sorted.length - 1],
  };
}

/** a / b for two positive finite numbers, else undefined: a ratio to (or of) nothing means nothing. */
export function ratio(a: number, b: number): number | undefined {
  return a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : undefined;
}
