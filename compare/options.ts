// Command-line flags: the tools' parser (tools/cli.ts), then bounds checks so a typo cannot start a
// 10-million request run. Every bad flag is a UsageError (exit 2) naming the allowed range.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { durationRange, parseDuration, parseFlags, parseInteger, type Tool } from '../tools/cli';
import type { RunOptions } from './compare';
import { MAX_COLD_STARTS } from './cold-starts/run-cold-starts';
import { parseTrafficProfile, TRAFFIC_PROFILES, TrafficProfileError, type TrafficProfile } from './cost';
import { UsageError } from './errors';
import { TOKEN_SETTINGS } from './sign-in-settings';

/** The run's own settings (compare.ts) plus where the URLs come from and how to print. */
export interface CompareOptions extends Omit<RunOptions, 'progress' | 'onStep' | 'onWaiting'> {
  aws?: string;
  azure?: string;
  stack?: string;
  report?: string;
  json: boolean;
  help: boolean;
  /** --cold-starts N: force N cold starts per cloud and time each first request, instead of the scenario. */
  coldStarts?: number;
  /** --cost [--traffic PROFILE]: price the scenario's measured consumption for this traffic. */
  cost?: TrafficProfile;
}

interface Bound {
  flag: string;
  min: number;
  max: number;
  fallback: number;
}

export const BOUNDS = {
  requests: { flag: '--requests', min: 1, max: 10_000, fallback: 100 },
  concurrency: { flag: '--concurrency', min: 1, max: 64, fallback: 8 },
  timeoutMs: { flag: '--timeout', min: 100, max: 60_000, fallback: 10_000 },
  eventTimeoutMs: { flag: '--event-timeout', min: 100, max: 600_000, fallback: 30_000 },
  eventNotes: { flag: '--event-notes', min: 1, max: 50, fallback: 3 },
  coldStarts: { flag: '--cold-starts', min: 1, max: MAX_COLD_STARTS, fallback: 0 },
} satisfies Record<string, Bound>;

/** --wait-ready: a first deployment can take minutes to answer; an hour would hide a broken one. */
export const WAIT_READY = { flag: '--wait-ready', minMs: 1000, maxMs: 30 * 60_000 };
const WAIT_READY_RANGE = durationRange(WAIT_READY);

export const HELP = `Usage: npm run compare -- [options]

Runs the same scenario against the AWS and the Azure deployment, judges every answer of each against the
contract (status, content type, body schema, the headers that matter, every write's event) and compares
the two step by step, then measures latency and event delivery on both. First a preflight: GET
/api/health must answer 200 {"status":"ok"} with the right x-served-by on both, before anything is written.

Where the URLs come from (first that works; the one used is printed):
  --aws URL --azure URL    explicit base URLs (both, or neither)
  pulumi stack output      when the pulumi CLI is on PATH (outputs awsUrl and azureUrl, or endpoints)
  local mode               .local/urls.json of a running \`npm start\`

Options:
  --stack NAME             the Pulumi stack to read outputs from (default: the selected stack)
  --requests N             latency run: requests per cloud, ${BOUNDS.requests.min}..${BOUNDS.requests.max} (default ${BOUNDS.requests.fallback})
  --concurrency N          latency run: requests in flight per cloud, ${BOUNDS.concurrency.min}..${BOUNDS.concurrency.max} (default ${BOUNDS.concurrency.fallback})
  --timeout MS             per-request timeout, ${BOUNDS.timeoutMs.min}..${BOUNDS.timeoutMs.max} (default ${BOUNDS.timeoutMs.fallback})
  --event-timeout MS       how long to wait for events and for lists to catch up,
                           ${BOUNDS.eventTimeoutMs.min}..${BOUNDS.eventTimeoutMs.max} (default ${BOUNDS.eventTimeoutMs.fallback})
  --event-notes N          notes used to measure event delivery latency, ${BOUNDS.eventNotes.min}..${BOUNDS.eventNotes.max} (default ${BOUNDS.eventNotes.fallback})
  --wait-ready DURATION    before the scenario, poll GET /api/health (backing off) until both answer as the
                           contract says, for up to DURATION (e.g. 90s, 10m; ${WAIT_READY_RANGE}); default: check once
  --skip-latency           run the scenario only
  --cost                   also price the scenario: each step's cost per million requests and a month of
                           --traffic on each cloud, idle cost included (targets must run with
                           REPORT_CONSUMPTION=true; prices: compare/cost/prices.json; regions: --stack's,
                           else the project defaults)
  --traffic PROFILE        with --cost: ${Object.keys(TRAFFIC_PROFILES).join(', ')} (default startup), or
                           requests=N,reads=80%,note=2KB,stored=N
  --cold-starts N          instead of the scenario: force N cold starts per cloud, ${BOUNDS.coldStarts.min}..${BOUNDS.coldStarts.max}, and time
                           each first request (AWS: a configuration change of the api function, put back after;
                           Azure: a Function App restart through ARM). Needs the stack's outputs and the
                           deployer's credentials (AWS SDK chain, Azure sign-in); never runs by default.
                           Against local mode: a fresh local-mode process per cold start
  --report FILE            also write a self-contained HTML report (tables and charts, no network)
  --json                   print one JSON document on stdout (no table, no progress bar)
  -h, --help               show this help

Retries: no request is ever retried on failure, and POST, PUT and DELETE are sent exactly once.
Only GETs are repeated, and only where the tool polls on purpose: the health check with --wait-ready,
and waiting for events or for a list to show the notes just written, until --event-timeout.

The scenario creates, updates and deletes its own notes and deletes them again at the end.

Sign-in: two users' tokens from the environment (secrets: never flags), ${TOKEN_SETTINGS.a} for user A
(every request) and ${TOKEN_SETTINGS.b} for user B (the owner-isolation steps); against a running local
mode compare asks its issuer for both. When a notes route answers 401 without a token and a token is
missing, compare names the variable and exits 2 before writing. With sign-in off (auth: none) the
two-user steps are reported "not applicable", never as passed.
The AWS API is throttled (stack config apiThrottleRateLimit, default 100 requests/s): 429s in a
large latency run are that throttle, and are reported as a difference when only one cloud fails.

Exit codes: 0 both clouds meet the contract and behave the same,
            1 a cloud breaks the contract or the clouds differ (each named: step, cloud, rule or path),
            2 usage error, a URL that fails the preflight (wrong base path, another service, not ready),
              or sign-in on without both users' tokens.`;

function integerFlag(raw: string | undefined, bound: Bound): number {
  return raw === undefined ? bound.fallback : parseInteger(bound.flag, raw, bound);
}

/** "90s", "10m", "1500ms" (a bare number is seconds) → milliseconds within WAIT_READY's bounds. */
export const durationFlag = (raw: string): number => parseDuration(WAIT_READY.flag, raw, WAIT_READY);

/** A base URL: http(s), no query or fragment; a trailing slash is dropped so `${url}/api/x` is clean. */
export function checkBaseUrl(raw: string, label: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${label} is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${label} must be an http or https URL (got "${raw}")`);
  }
  if (url.search || url.hash) throw new UsageError(`${label} must not have a query or fragment (got "${raw}")`);
  return url.toString().replace(/\/+$/, '');
}

const FLAGS = {
  aws: { type: 'string' },
  azure: { type: 'string' },
  stack: { type: 'string' },
  requests: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'event-timeout': { type: 'string' },
  'event-notes': { type: 'string' },
  'wait-ready': { type: 'string' },
  'cold-starts': { type: 'string' },
  cost: { type: 'boolean' },
  traffic: { type: 'string' },
  'skip-latency': { type: 'boolean' },
  report: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** compare on the command line: one-line usage errors (its help is long; see `npm run compare -- --help`). */
export const COMPARE_TOOL: Tool = { usage: HELP, oneLineErrors: 'compare' };

/** Parses argv (without node and the script). Throws UsageError on anything it cannot accept. */
export function parseOptions(argv: string[], cwd: string = process.cwd()): CompareOptions {
  const values = parseFlags(argv, FLAGS);
  const options: CompareOptions = {
    requests: integerFlag(values.requests, BOUNDS.requests),
    concurrency: integerFlag(values.concurrency, BOUNDS.concurrency),
    timeoutMs: integerFlag(values.timeout, BOUNDS.timeoutMs),
    eventTimeoutMs: integerFlag(values['event-timeout'], BOUNDS.eventTimeoutMs),
    eventNotes: integerFlag(values['event-notes'], BOUNDS.eventNotes),
    skipLatency: values['skip-latency'] ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
  };
  if ((values.aws === undefined) !== (values.azure === undefined)) {
    throw new UsageError('give both --aws and --azure, or neither (to read them from Pulumi or local mode)');
  }
  if (values.aws !== undefined) options.aws = checkBaseUrl(values.aws, '--aws');
  if (values.azure !== undefined) options.azure = checkBaseUrl(values.azure, '--azure');
  if (values.stack !== undefined) {
    if (values.aws !== undefined)
      throw new UsageError('--stack reads the URLs from Pulumi; it cannot be combined with --aws/--azure');
    if (!/^[\w./-]+$/.test(values.stack)) throw new UsageError(`--stack is not a stack name: "${values.stack}"`);
    options.stack = values.stack;
  }
  if (values['wait-ready'] !== undefined) options.waitReadyMs = durationFlag(values['wait-ready']);
  if (values['cold-starts'] !== undefined) {
    if (values.aws !== undefined)
      throw new UsageError(
        '--cold-starts needs to know what to restart: use the stack (pulumi) or local mode, not --aws/--azure',
      );
    options.coldStarts = integerFlag(values['cold-starts'], BOUNDS.coldStarts);
  }
  if (values.traffic !== undefined && !values.cost) throw new UsageError('--traffic goes with --cost');
  if (values.cost) {
    if (options.coldStarts !== undefined)
      throw new UsageError('--cost prices the scenario, which --cold-starts does not run');
    try {
      options.cost = parseTrafficProfile(values.traffic);
    } catch (error) {
      if (error instanceof TrafficProfileError) throw new UsageError(error.message.split('\n')[0]!);
      throw error;
    }
  }
  if (values.report !== undefined) options.report = checkReportPath(values.report, cwd);
  return options;
}

// Checked before anything runs, so a typo in the path does not throw away a finished run.
function checkReportPath(raw: string, cwd: string): string {
  if (raw.trim() === '') throw new UsageError('--report needs a file name');
  const path = resolve(cwd, raw);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`--report: the folder ${dir} does not exist`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--report: ${path} is a folder`);
  return path;
}
