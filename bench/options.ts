// `npm run bench -- [flags]`: durations, run counts and which sections to measure.
import { parseFlags, parseInteger, UsageError, type Tool } from '../tools/cli';

export const sectionNames = ['bundles', 'lambda-init', 'adapters', 'http', 'program', 'startup'] as const;
export type SectionName = (typeof sectionNames)[number];

export interface BenchOptions {
  help: boolean;
  runs: number;
  durationS: number;
  warmupS: number;
  connections: number;
  withTests: boolean;
  sections: SectionName[];
  /** Directory for the load-tested servers' CPU profiles; undefined: no profiling. */
  cpuProfDir: string | undefined;
  /** Also measure the peers (bench/peers/): installs them into the cache folder on first use. */
  peers: boolean;
}

export const usage = `Usage: npm run bench -- [options]

Measures bundle sizes, cold require, Lambda init on the real runtime interface client (installed on
demand into ~/.cache/serverless-aws-azure: minutes, once), the cloud adapters in-process, local mode
under load, program evaluation and local mode start-up (in memory, and with 10,000 stored notes per
cloud); writes bench/results.md and bench/results.json (a partial run with --only rewrites them too)
and prints the tables. Budgets are compared, never asserted.

Options:
  --runs <n>          fresh-process runs per cold measurement (cold require, program, start-up) (default 5;
                      Lambda init runs at least 10)
  --duration <s>      seconds of load per autocannon run (default 5)
  --warmup <s>        seconds of warm-up load before each measured run (default 1)
  --connections <n>   concurrent connections per autocannon run (default 10)
  --only <list>       comma-separated sections: ${sectionNames.join(', ')} (default all)
  --with-tests        also time one whole \`npm test\` (takes minutes)
  --cpu-prof <dir>    write the load-tested servers' V8 CPU profiles to <dir> and summarise them, with
                      this run's results, in <dir>/results.md (profiling slows the servers: it explains
                      numbers, it does not report them). bench/tmp/ is git-ignored.
  --peers             also compare with the peers (express 5 + serverless-http, middy 7), installed on
                      demand into ~/.cache/serverless-aws-azure, never into the project: bundle size,
                      require and first response, cold starts on the Lambda runtime client, and local
                      mode against serverless-offline, as same-run ratios; the servers part alone, in
                      few rounds: npx tsx bench/peers/servers-only.ts --help
  -h, --help          show this help
`;

export const BENCH_TOOL: Tool = { usage };

/** A count or a number of seconds, bounded so a typo cannot keep a shared machine busy for an hour. */
function bounded(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  return value === undefined ? fallback : parseInteger(flag, value, { min, max });
}

const FLAGS = {
  runs: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  only: { type: 'string' },
  'with-tests': { type: 'boolean' },
  'cpu-prof': { type: 'string' },
  peers: { type: 'boolean' },
} as const;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const values = parseFlags(argv, FLAGS);
  let sections: SectionName[] = [...sectionNames];
  if (values.only !== undefined) {
    const asked = values.only
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const unknown = asked.filter((s) => !(sectionNames as readonly string[]).includes(s));
    if (asked.length === 0 || unknown.length > 0)
      throw new UsageError(`--only takes ${sectionNames.join(', ')}; not "${values.only}"`);
    sections = asked as SectionName[];
  }
  return {
    help: values.help ?? false,
    runs: bounded(values.runs, '--runs', 5, 1, 50),
    durationS: bounded(values.duration, '--duration', 5, 1, 120),
    warmupS: bounded(values.warmup, '--warmup', 1, 0, 60),
    connections: bounded(values.connections, '--connections', 10, 1, 500),
    withTests: values['with-tests'] ?? false,
    sections,
    cpuProfDir: values['cpu-prof'] === '' ? undefined : values['cpu-prof'],
    peers: values.peers ?? false,
  };
}
