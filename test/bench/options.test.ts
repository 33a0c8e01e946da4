import { parseBenchArgs, sectionNames } from '../../bench/options';

describe('bench command line', () => {
  it('defaults to 5 runs, 5 s of load after 1 s of warm-up, 10 connections, every section, no tests, no profiling', () => {
    expect(parseBenchArgs([])).toEqual({
      help: false,
      runs: 5,
      durationS: 5,
      warmupS: 1,
      connections: 10,
      withTests: false,
      sections: [...sectionNames],
      cpuProfDir: undefined,
      peers: false,
    });
  });

  it('takes --peers, alone or with --only', () => {
    expect(parseBenchArgs(['--peers']).peers).toBe(true);
    expect(parseBenchArgs(['--peers', '--only', 'bundles'])).toMatchObject({ peers: true, sections: ['bundles'] });
    expect(() => parseBenchArgs(['--peers=yes'])).toThrow("Option '--peers' does not take an argument");
  });

  it('takes durations, counts, sections, --with-tests and --cpu-prof', () => {
    const options = parseBenchArgs([
      '--runs',
      '3',
      '--duration',
      '2',
      '--warmup',
      '0',
      '--connections',
      '4',
      '--only',
      'http, startup',
      '--with-tests',
      '--cpu-prof',
      'prof',
    ]);
    expect(options).toMatchObject({
      runs: 3,
      durationS: 2,
      warmupS: 0,
      connections: 4,
      sections: ['http', 'startup'],
      withTests: true,
      cpuProfDir: 'prof',
    });
  });

  it.each([
    [['--runs', '0'], '--runs must be in 1..50 (got 0)'],
    [['--runs', '2.5'], '--runs must be a whole number in 1..50 (got "2.5")'],
    [['--duration', '600'], '--duration must be in 1..120 (got 600)'],
    [['--warmup=-1'], '--warmup must be a whole number in 0..60 (got "-1")'],
    [['--connections', 'many'], '--connections must be a whole number in 1..500 (got "many")'],
    [['--only', 'http,disk'], '--only takes bundles, lambda-init, adapters, http, program, startup'],
    [['--only', ','], '--only takes'],
    [['--fast'], "Unknown option '--fast'"],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
