import { checkBudget } from '../../bench/budgets';
import { median, quantile, ratio, summarize } from '../../bench/stats';

describe('bench statistics', () => {
  it('takes the middle of an odd sample and the mean of the two middles of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates quantiles linearly between order statistics', () => {
    const samples = [10, 20, 30, 40, 50];
    expect(quantile(samples, 0)).toBe(10);
    expect(quantile(samples, 1)).toBe(50);
    expect(quantile(samples, 0.25)).toBe(20);
    expect(quantile(samples, 0.99)).toBeCloseTo(49.6, 10);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it('summarizes with min, quartiles, median and max, without reordering the input', () => {
    const samples = [9, 1, 5, 3, 7];
    expect(summarize(samples)).toEqual({ n: 5, min: 1, p25: 3, median: 5, p75: 7, max: 9 });
    expect(samples).toEqual([9, 1, 5, 3, 7]);
  });

  it('refuses empty samples, non-finite values and quantiles outside 0..1', () => {
    expect(() => median([])).toThrow('no samples');
    expect(() => summarize([1, Number.NaN])).toThrow('not a finite number');
    expect(() => summarize([1, Number.POSITIVE_INFINITY])).toThrow('not a finite number');
    expect(() => quantile([1, 2], 1.5)).toThrow('within 0..1');
    expect(() => quantile([1, 2], -0.1)).toThrow('within 0..1');
  });

  it('gives no ratio to or of zero or a missing value', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeUndefined();
    expect(ratio(0, 2)).toBeUndefined();
    expect(ratio(Number.NaN, 2)).toBeUndefined();
  });
});

describe('budget checks', () => {
  it('treats every budget as an upper bound, the limit itself included', () => {
    expect(checkBudget(49.9, 50)).toBe('met');
    expect(checkBudget(50, 50)).toBe('met');
    expect(checkBudget(50.1, 50)).toBe('missed');
  });

  it('says "not measured" rather than guessing when there is no value', () => {
    expect(checkBudget(undefined, 50)).toBe('not measured');
    expect(checkBudget(Number.NaN, 50)).toBe('not measured');
  });
});
