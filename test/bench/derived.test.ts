import { budgetLines } from '../../bench/budget-lines';
import { externalsRequiredBy } from '../../bench/cold-require';
import { overheadsOf, type LoadResult } from '../../bench/http-load';
import type { BenchResults } from '../../bench/results';

const load = (
  target: LoadResult['target'],
  scenario: LoadResult['scenario'],
  requestsPerSec: number,
  p50Ms: number,
): LoadResult => ({
  target,
  scenario,
  requestsPerSec,
  p50Ms,
  p99Ms: p50Ms * 3,
  p50ByStatusMs: {},
  responses: 1,
  errors: 0,
  non2xx: 0,
});

describe('adapter overhead against the floor', () => {
  it('divides each adapter by the floor of the same scenario, never across scenarios', () => {
    const overheads = overheadsOf([
      load('floor', 'hello', 20_000, 0.5),
      load('local-aws', 'hello', 5_000, 2),
      load('floor', 'create-then-get', 4_000, 1),
      load('local-aws', 'create-then-get', 200, 50),
    ]);
    expect(overheads).toEqual([
      { target: 'local-aws', scenario: 'hello', p50Ratio: 4, throughputRatio: 4 },
      { target: 'local-aws', scenario: 'create-then-get', p50Ratio: 50, throughputRatio: 20 },
    ]);
  });

  it('gives no ratio when the floor of that scenario is missing or served nothing', () => {
    expect(overheadsOf([load('local-azure', 'hello', 100, 1)])).toEqual([
      { target: 'local-azure', scenario: 'hello', p50Ratio: undefined, throughputRatio: undefined },
    ]);
    expect(overheadsOf([load('floor', 'hello', 0, Number.NaN), load('local-azure', 'hello', 100, 1)])[0]).toMatchObject(
      { p50Ratio: undefined, throughputRatio: undefined },
    );
  });
});

describe('externals a bundle loads at require time', () => {
  it('finds the runtime-provided packages esbuild left as require calls, once each, sorted', () => {
    const code =
      'var a=require("@aws-sdk/lib-dynamodb"),b=require("node:crypto");x(require( "@aws-sdk/client-dynamodb" ),require("@aws-sdk/lib-dynamodb"))';
    expect(externalsRequiredBy(code, /^@aws-sdk\//)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    expect(externalsRequiredBy('module.exports=1', /^@aws-sdk\//)).toEqual([]);
  });
});

describe('budget lines', () => {
  it('compares what was measured and marks what was not', () => {
    const results = {
      bundles: {
        buildMs: 1,
        sizes: [{ name: 'aws-api', minifiedBytes: 61_000, gzipBytes: 1, zipBytes: 1 }],
        coldRequire: [
          {
            name: 'aws-api',
            ms: { n: 1, min: 40, p25: 40, median: 40, p75: 40, max: 40 },
            ownCodeMs: { n: 1, min: 1, p25: 1, median: 1, p75: 1, max: 1 },
            externals: [],
            modulesLoaded: 1,
            sdkModulesLoaded: 0,
          },
          {
            name: 'azure',
            ms: { n: 1, min: 9, p25: 9, median: 9, p75: 9, max: 9 },
            ownCodeMs: { n: 1, min: 9, p25: 9, median: 9, p75: 9, max: 9 },
            externals: [],
            modulesLoaded: 1,
            sdkModulesLoaded: 0,
            error: 'Cannot find module',
          },
        ],
        composition: [],
      },
    } as unknown as BenchResults;
    expect(budgetLines(results).map((l) => [l.what, l.status])).toEqual([
      ['AWS api bundle, minified', 'missed'],
      ['cold require aws-api (median)', 'met'],
      ['cold require azure (median)', 'not measured'],
    ]);
  });
});
