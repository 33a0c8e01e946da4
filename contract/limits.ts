// Every range and allowed set the deployment accepts, written once: the stack config's schema and
// messages (program/config.ts), both components' argument checks (aws/args.ts, azure/args.ts) and
// the alert settings (program/alerts.ts) are built from these, so they cannot disagree.

/** An inclusive integer range. */
export type IntRange = readonly [min: number, max: number];

/** API Gateway stage throttling: steady requests per second and burst bucket size. */
export const API_THROTTLE_RATE_LIMIT: IntRange = [1, 10000];
export const API_THROTTLE_BURST_LIMIT: IntRange = [1, 5000];

/** Lambda memory in MB and timeout in seconds (Lambda quotas; API Gateway itself gives up after 30 s). */
export const FUNCTION_MEMORY_MB: IntRange = [128, 10240];
export const FUNCTION_TIMEOUT_SECONDS: IntRange = [1, 900];

/**
 * Flex Consumption maximum instance count: "The lowest maximum scale is currently 1. The highest
 * currently supported value is 1000." (learn.microsoft.com, "Azure Functions Flex Consumption plan
 * hosting", Considerations). The "40 or higher" of Microsoft's migration guide is advice for apps
 * migrated from Linux Consumption, not a limit of the plan.
 */
export const AZURE_MAXIMUM_INSTANCES: IntRange = [1, 1000];

/** Flex Consumption instance sizes azure/ supports (Azure also offers 512, too small for this app). */
export const AZURE_INSTANCE_MEMORY_MB = [2048, 4096] as const;
export type AzureInstanceMemoryMb = (typeof AZURE_INSTANCE_MEMORY_MB)[number];

/** CloudWatch Logs' allowed retention values (PutRetentionPolicy); 0 ("never expire") is refused on purpose. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Log Analytics (PerGB2018) keeps logs 30..730 days; shorter AWS values mean 30 on Azure. */
export const AZURE_MIN_RETENTION_DAYS = 30;
export const AZURE_MAX_RETENTION_DAYS = 730;

/** The retention values a stack that deploys Azure accepts. */
export const AZURE_LOG_RETENTION_DAYS = LOG_RETENTION_DAYS.filter((d) => d <= AZURE_MAX_RETENTION_DAYS);

/** Alert thresholds' bounds, inclusive. */
export const ALERT_RANGES = {
  functionErrors: [1, 100000],
  throttles: [1, 100000],
  serverErrorPercent: [1, 100],
  // At least a minute (the metric's own resolution); at most a day (DynamoDB Streams keep records 24 h).
  streamAgeSeconds: [60, 86400],
} as const satisfies Record<string, IntRange>;

/** What a range accepts, in words: the config's ALLOWED text and the components' messages quote it. */
export const describeRange = ([min, max]: IntRange): string => `an integer from ${min} to ${max}`;
export const describeOneOf = (values: readonly number[]): string => `one of ${values.join(', ')}`;

export const inRange = (value: unknown, [min, max]: IntRange): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
export const isOneOf = <T extends number>(value: unknown, values: readonly T[]): value is T =>
  (values as readonly unknown[]).includes(value);

/** `<what> must be <allowed> (got <value>)`, or undefined when the value is in range. */
export function rangeProblem(what: string, value: unknown, range: IntRange): string | undefined {
  return inRange(value, range) ? undefined : `${what} must be ${describeRange(range)} (got ${JSON.stringify(value)})`;
}

export function oneOfProblem(what: string, value: unknown, values: readonly number[]): string | undefined {
  return isOneOf(value, values) ? undefined : `${what} must be ${describeOneOf(values)} (got ${JSON.stringify(value)})`;
}

/** What corsOrigins accepts, in words. */
export const CORS_ORIGINS_ALLOWED =
  'origins "scheme://host[:port]" (http or https, lower case, no path, no trailing slash), ' +
  'or ["*"] alone; [] turns CORS off';

/**
 * CORS origins are written exactly as browsers send the `Origin` header (scheme://host[:port]),
 * because both API Gateway and the Function App compare them literally: "https://Example.com/"
 * would never match. Wildcard subdomains are refused because the two clouds treat them
 * differently; "*" alone allows every origin on both.
 */
export function corsOriginsProblem(origins: readonly string[]): string | undefined {
  if (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string')) return 'not a list of strings';
  if (origins.includes('*') && origins.length > 1) return '"*" must be the only entry';
  const seen = new Set<string>();
  for (const origin of origins) {
    if (origin === '*') continue;
    const problem = originProblem(origin);
    if (problem) return `${JSON.stringify(origin)}: ${problem}`;
    if (seen.has(origin)) return `${JSON.stringify(origin)} is listed twice`;
    seen.add(origin);
  }
  return undefined;
}

function originProblem(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'not an origin';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'the scheme must be http or https';
  if (url.hostname.includes('*')) return 'wildcard subdomains are not supported; list each origin or use "*" alone';
  if (url.origin !== origin) return `write it as ${url.origin}`;
  return undefined;
}

/** corsOrigins as a component argument: one line naming the first bad origin, or undefined. */
export function corsOriginsArgProblem(origins: readonly string[]): string | undefined {
  const problem = corsOriginsProblem(origins);
  return problem === undefined ? undefined : `corsOrigins must be a list of ${CORS_ORIGINS_ALLOWED} (${problem})`;
}
