// The tools' shared command line: flags by table, one usage error, --help on stdout (0), usage errors
// on stderr with the usage (2), numbers and durations checked against their bounds.
import {
  EXIT_USAGE,
  parseDuration,
  parseFlags,
  parseInteger,
  showHelp,
  usageFailure,
  UsageError,
  type Tool,
} from '../../tools/cli';

const FLAGS = { count: { type: 'string' }, loud: { type: 'boolean' } } as const;

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseFlags', () => {
  it('reads the declared flags, and -h / --help on every table', () => {
    expect(parseFlags(['--count', '3', '--loud'], FLAGS)).toEqual({ count: '3', loud: true });
    expect(parseFlags(['-h'], FLAGS)).toEqual({ help: true });
    expect(parseFlags(['--help'], {})).toEqual({ help: true });
  });

  it('names an unknown flag, a stray argument and a missing value, each on one line', () => {
    expect(usageMessage(() => parseFlags(['--cuont', '3'], FLAGS))).toMatch(/^Unknown option '--cuont'[^\n]*$/);
    expect(usageMessage(() => parseFlags(['extra'], FLAGS))).toMatch(/^Unexpected argument 'extra'[^\n]*$/);
    expect(usageMessage(() => parseFlags(['--count'], FLAGS))).toMatch(/^Option '--count <value>' argument missing$/);
  });
});

describe('parseInteger', () => {
  const range = { min: 1, max: 64 };
  it('takes whole numbers within the bounds, the bounds included', () => {
    expect([
      parseInteger('--n', '1', range),
      parseInteger('--n', '64', range),
      parseInteger('--n', '007', range),
    ]).toEqual([1, 64, 7]);
  });

  it.each([
    ['0', '--n must be in 1..64 (got 0)'],
    ['65', '--n must be in 1..64 (got 65)'],
    ['-1', '--n must be a whole number in 1..64 (got "-1")'],
    ['2.5', '--n must be a whole number in 1..64 (got "2.5")'],
    ['5e1', '--n must be a whole number in 1..64 (got "5e1")'],
    ['', '--n must be a whole number in 1..64 (got "")'],
  ])('refuses %j, naming the range', (raw, message) => {
    expect(usageMessage(() => parseInteger('--n', raw, range))).toBe(message);
  });

  it('says what the number is when told', () => {
    expect(usageMessage(() => parseInteger('PORT', 'x', { min: 0, max: 65535, noun: 'port number' }))).toBe(
      'PORT must be a port number in 0..65535 (got "x")',
    );
  });
});

describe('parseDuration', () => {
  const bounds = { minMs: 1000, maxMs: 30 * 60_000 };
  it('takes ms, s (the default) and m', () => {
    expect(['1500ms', '90', '90s', '10m', '30m'].map((raw) => parseDuration('--wait', raw, bounds))).toEqual([
      1500, 90_000, 90_000, 600_000, 1_800_000,
    ]);
  });

  it.each([
    ['soon', '--wait must be a duration such as 90s or 10m (got "soon")'],
    ['1h', '--wait must be a duration such as 90s or 10m (got "1h")'],
    ['999ms', '--wait must be in 1s..30m (got 999ms)'],
    ['31m', '--wait must be in 1s..30m (got 31m)'],
  ])('refuses %j', (raw, message) => {
    expect(usageMessage(() => parseDuration('--wait', raw, bounds))).toBe(message);
  });
});

describe('answering', () => {
  const tool: Tool = { usage: 'Usage: tool [--count N]' };
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) } };
  }

  it('--help: the usage on stdout, exit 0, nothing on stderr', () => {
    const { out, err, io } = capture();
    expect(showHelp(tool, io)).toBe(0);
    expect([out.join(''), err]).toEqual(['Usage: tool [--count N]\n', []]);
  });

  it('a usage error: the message then the usage on stderr, exit 2, nothing on stdout', () => {
    const { out, err, io } = capture();
    expect(usageFailure(tool, new UsageError('--count must be in 1..64 (got 0)'), io)).toBe(EXIT_USAGE);
    expect([out, err.join('')]).toEqual([[], '--count must be in 1..64 (got 0)\n\nUsage: tool [--count N]\n']);
  });

  it('a tool with one-line errors: its name and the message only', () => {
    const { err, io } = capture();
    expect(usageFailure({ ...tool, oneLineErrors: 'tool' }, new UsageError('bad'), io)).toBe(2);
    expect(err.join('')).toBe('tool: bad\n');
  });

  it('anything but a UsageError is not a usage error: rethrown, nothing printed', () => {
    const { out, err, io } = capture();
    const bug = new TypeError('a bug');
    expect(() => usageFailure(tool, bug, io)).toThrow(bug);
    expect([out, err]).toEqual([[], []]);
  });
});
