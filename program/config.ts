/**
 * The stack configuration, validated before any resource exists.
 *
 * `parseConfig` is pure: it takes this project's config keys (without the `serverless-aws-azure:`
 * namespace) as Pulumi hands them over — strings, with arrays as JSON — or already-typed values,
 * and returns typed config or throws a ConfigError naming every bad key and what it accepts.
 *
 * Pulumi.yaml's config schema can only type string, boolean, integer and array, so the API
 * throttle is two flat keys (apiThrottleRateLimit, apiThrottleBurstLimit) that become
 * `apiThrottle: { rateLimit, burstLimit }` here. Every range and allowed set is contract/limits.ts's.
 */
import * as v from 'valibot';
import { DEFAULT_FUNCTION_TIMEOUT_SECONDS } from '../handlers/aws/time-budget';
import {
  ALERT_RANGES,
  API_THROTTLE_BURST_LIMIT,
  API_THROTTLE_RATE_LIMIT,
  AZURE_INSTANCE_MEMORY_MB,
  AZURE_LOG_RETENTION_DAYS,
  AZURE_MAX_RETENTION_DAYS,
  AZURE_MAXIMUM_INSTANCES,
  CORS_ORIGINS_ALLOWED,
  corsOriginsProblem,
  describeRange,
  FUNCTION_MEMORY_MB,
  FUNCTION_TIMEOUT_SECONDS,
  LOG_RETENTION_DAYS,
  type AzureInstanceMemoryMb,
} from '../contract/limits';
import type { AuthConfig } from '../handlers/core/auth/config';
import { ALERT_EMAIL_PATTERN, ALERT_PERIOD_SECONDS, ALERT_THRESHOLD_KEYS, type AlertSettings } from './alerts';
import { AUTH_CONFIG_KEYS, AuthConfigError, parseAuthConfig, type RawAuthConfig } from './auth-config';

export const PROJECT = 'serverless-aws-azure';

export const CLOUDS = ['aws', 'azure', 'both'] as const;
export type Clouds = (typeof CLOUDS)[number];

export interface ProgramConfig {
  clouds: Clouds;
  protectData: boolean;
  logRetentionDays: number;
  apiThrottle: { rateLimit: number; burstLimit: number };
  functionMemoryMb: number;
  functionTimeoutSeconds: number;
  azureMaximumInstances: number;
  azureInstanceMemoryMb: AzureInstanceMemoryMb;
  corsOrigins: string[];
  /** REPORT_CONSUMPTION_SETTING on every function: responses carry what they consumed (for compare's cost model). */
  reportConsumption: boolean;
  alerts: AlertSettings;
  /** Who may use the notes: an OIDC issuer + audience, or none (a trial stack); no default. */
  auth: AuthConfig;
}

/** Defaults, keyed like the stack config. Pulumi.yaml declares the same ones (a test holds them equal). */
export const DEFAULTS = {
  clouds: 'both',
  protectData: true,
  logRetentionDays: 30,
  apiThrottleRateLimit: 100,
  apiThrottleBurstLimit: 200,
  functionMemoryMb: 512,
  functionTimeoutSeconds: DEFAULT_FUNCTION_TIMEOUT_SECONDS,
  azureMaximumInstances: 40,
  azureInstanceMemoryMb: 2048,
  corsOrigins: [] as string[],
  reportConsumption: false,
  alertEmail: '',
  alertFunctionErrors: ALERT_THRESHOLD_KEYS.alertFunctionErrors.default,
  alertThrottles: ALERT_THRESHOLD_KEYS.alertThrottles.default,
  alertServerErrorPercent: ALERT_THRESHOLD_KEYS.alertServerErrorPercent.default,
  alertStreamAgeSeconds: ALERT_THRESHOLD_KEYS.alertStreamAgeSeconds.default,
  // Sign-in has no default: "" is unset, and with all three unset the program stops (program/auth-config.ts).
  authIssuer: '',
  authAudience: '',
  auth: '',
} as const;

export type ConfigKey = keyof typeof DEFAULTS;

/** Integer keys' bounds (contract/limits.ts), used by both the schema and the messages. */
const RANGES = {
  apiThrottleRateLimit: API_THROTTLE_RATE_LIMIT,
  apiThrottleBurstLimit: API_THROTTLE_BURST_LIMIT,
  functionMemoryMb: FUNCTION_MEMORY_MB,
  functionTimeoutSeconds: FUNCTION_TIMEOUT_SECONDS,
  azureMaximumInstances: AZURE_MAXIMUM_INSTANCES,
  alertFunctionErrors: ALERT_RANGES.functionErrors,
  alertThrottles: ALERT_RANGES.throttles,
  alertServerErrorPercent: ALERT_RANGES.serverErrorPercent,
  alertStreamAgeSeconds: ALERT_RANGES.streamAgeSeconds,
} as const satisfies Partial<Record<ConfigKey, readonly [number, number]>>;

const alertPeriod = `${ALERT_PERIOD_SECONDS / 60} minutes`;
const intRange = (key: keyof typeof RANGES) => describeRange(RANGES[key]);

/** What each key accepts, in words: every error message quotes it. */
export const ALLOWED: Record<ConfigKey, string> = {
  clouds: CLOUDS.map((c) => `"${c}"`).join(', '),
  protectData: 'true, false',
  logRetentionDays: LOG_RETENTION_DAYS.join(', '),
  apiThrottleRateLimit: `${intRange('apiThrottleRateLimit')} (requests per second)`,
  apiThrottleBurstLimit: `${intRange('apiThrottleBurstLimit')} (requests)`,
  functionMemoryMb: `${intRange('functionMemoryMb')} (Lambda memory in MB)`,
  functionTimeoutSeconds: `${intRange('functionTimeoutSeconds')} (Lambda timeout)`,
  azureMaximumInstances: `${intRange('azureMaximumInstances')} (Flex Consumption maximum instance count)`,
  azureInstanceMemoryMb: AZURE_INSTANCE_MEMORY_MB.join(', '),
  corsOrigins: `a JSON array of ${CORS_ORIGINS_ALLOWED}`,
  reportConsumption: 'true, false',
  alertEmail: 'an e-mail address such as ops@example.com, or "" for no subscription',
  alertFunctionErrors: `${intRange('alertFunctionErrors')} (function errors in ${alertPeriod} that raise an alert)`,
  alertThrottles: `${intRange('alertThrottles')} (throttled calls in ${alertPeriod}: Lambda throttles, Cosmos DB 429s)`,
  alertServerErrorPercent: `${intRange('alertServerErrorPercent')} (percent of API requests answered 5xx in ${alertPeriod})`,
  alertStreamAgeSeconds: `${intRange('alertStreamAgeSeconds')} (age of the oldest unpublished change, seconds)`,
  authIssuer: "the https URL of an OpenID Connect issuer, exactly as its tokens' iss (with authAudience)",
  authAudience: "the audience the issuer's tokens must name (with authIssuer)",
  auth: '"none" (no sign-in: a trial stack), or unset with authIssuer and authAudience set',
};

// Pulumi passes every value as a string; tests and defaults may pass typed values.
const integerFromConfig = v.union([v.number(), v.pipe(v.string(), v.regex(/^-?\d+$/), v.transform(Number))]);
const integer = (key: keyof typeof RANGES) =>
  v.pipe(integerFromConfig, v.integer(), v.minValue(RANGES[key][0]), v.maxValue(RANGES[key][1]));
const oneOf = <T extends readonly number[]>(values: T) =>
  v.pipe(
    integerFromConfig,
    v.check((n) => (values as readonly number[]).includes(n)),
    v.transform((n) => n as T[number]),
  );
const booleanFromConfig = v.union([
  v.boolean(),
  v.pipe(
    v.picklist(['true', 'false']),
    v.transform((s) => s === 'true'),
  ),
]);
const stringArrayFromConfig = v.union([v.array(v.string()), v.pipe(v.string(), v.parseJson(), v.array(v.string()))]);
const corsOrigins = v.pipe(
  stringArrayFromConfig,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = corsOriginsProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

const schema = v.strictObject({
  clouds: v.optional(v.picklist(CLOUDS), DEFAULTS.clouds),
  protectData: v.optional(booleanFromConfig, DEFAULTS.protectData),
  logRetentionDays: v.optional(oneOf(LOG_RETENTION_DAYS), DEFAULTS.logRetentionDays),
  apiThrottleRateLimit: v.optional(integer('apiThrottleRateLimit'), DEFAULTS.apiThrottleRateLimit),
  apiThrottleBurstLimit: v.optional(integer('apiThrottleBurstLimit'), DEFAULTS.apiThrottleBurstLimit),
  functionMemoryMb: v.optional(integer('functionMemoryMb'), DEFAULTS.functionMemoryMb),
  functionTimeoutSeconds: v.optional(integer('functionTimeoutSeconds'), DEFAULTS.functionTimeoutSeconds),
  azureMaximumInstances: v.optional(integer('azureMaximumInstances'), DEFAULTS.azureMaximumInstances),
  azureInstanceMemoryMb: v.optional(oneOf(AZURE_INSTANCE_MEMORY_MB), DEFAULTS.azureInstanceMemoryMb),
  corsOrigins: v.optional(corsOrigins, () => [...DEFAULTS.corsOrigins]),
  reportConsumption: v.optional(booleanFromConfig, DEFAULTS.reportConsumption),
  alertEmail: v.optional(
    v.union([v.literal(''), v.pipe(v.string(), v.regex(ALERT_EMAIL_PATTERN))]),
    DEFAULTS.alertEmail,
  ),
  alertFunctionErrors: v.optional(integer('alertFunctionErrors'), DEFAULTS.alertFunctionErrors),
  alertThrottles: v.optional(integer('alertThrottles'), DEFAULTS.alertThrottles),
  alertServerErrorPercent: v.optional(integer('alertServerErrorPercent'), DEFAULTS.alertServerErrorPercent),
  alertStreamAgeSeconds: v.optional(integer('alertStreamAgeSeconds'), DEFAULTS.alertStreamAgeSeconds),
});

export interface ConfigProblem {
  key: string;
  message: string;
}

/** Thrown for bad configuration; `problems` has one entry per bad key. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid stack configuration (nothing was created or changed):\n` +
        problems.map((p) => `  - ${p.message}`).join('\n') +
        `\nFix it with \`pulumi config set <key> <value>\` (arrays: \`pulumi config set --path 'corsOrigins[0]' <origin>\`).`,
    );
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(DEFAULTS) as ConfigKey[];
const AUTH_KEYS: readonly string[] = Object.values(AUTH_CONFIG_KEYS);
// Pulumi.yaml declares them with "" as their default (a declared key without one is required by Pulumi itself).
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const isKnownKey = (key: string): key is ConfigKey => (KEYS as string[]).includes(key);
// Strings are shown as typed by the user (Pulumi hands arrays over as JSON text).
const show = (value: unknown) => (typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value)));

function describe(issue: v.BaseIssue<unknown>, raw: Readonly<Record<string, unknown>>): ConfigProblem {
  const key = String(issue.path?.[0]?.key ?? '');
  if (!isKnownKey(key)) {
    return {
      key,
      message: `${PROJECT}:${key} is not a known setting (a typo?). Known settings: ${KEYS.join(', ')}.`,
    };
  }
  // corsOrigins' own check says which origin is wrong; other keys are summed up by their allowed values.
  const detail = key === 'corsOrigins' && issue.type === 'raw_check' ? ` (${issue.message})` : '';
  return {
    key,
    message: `${PROJECT}:${key} = ${show(raw[key])} is not allowed${detail}. Allowed: ${ALLOWED[key]}.`,
  };
}

/** The sign-in keys, checked by their own rule (program/auth-config.ts): no default, a choice is required. */
function parseAuth(raw: Readonly<Record<string, unknown>>): AuthConfig | ConfigProblem {
  try {
    return parseAuthConfig(Object.fromEntries(AUTH_KEYS.map((key) => [key, unsetIfEmpty(raw[key])])) as RawAuthConfig);
  } catch (error) {
    if (error instanceof AuthConfigError) return { key: AUTH_CONFIG_KEYS.mode, message: error.message };
    throw error;
  }
}

export function parseConfig(raw: Readonly<Record<string, unknown>>): ProgramConfig {
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => !AUTH_KEYS.includes(key)));
  const result = v.safeParse(schema, rest);
  const auth = parseAuth(raw);
  const authProblem = 'message' in auth ? auth : undefined;
  if (!result.success || authProblem) {
    const byKey = new Map<string, ConfigProblem>();
    for (const issue of result.issues ?? []) {
      const problem = describe(issue, raw);
      if (!byKey.has(problem.key)) byKey.set(problem.key, problem);
    }
    if (authProblem) byKey.set(authProblem.key, authProblem);
    throw new ConfigError([...byKey.values()]);
  }
  const c = result.output;
  if (c.clouds !== 'aws' && c.logRetentionDays > AZURE_MAX_RETENTION_DAYS) {
    const allowed = AZURE_LOG_RETENTION_DAYS.join(', ');
    throw new ConfigError([
      {
        key: 'logRetentionDays',
        message:
          `${PROJECT}:logRetentionDays = ${show(raw.logRetentionDays)} is not allowed while clouds = '${c.clouds}' ` +
          `(Log Analytics keeps logs at most ${AZURE_MAX_RETENTION_DAYS} days). Allowed: ${allowed}.`,
      },
    ]);
  }
  return {
    clouds: c.clouds,
    protectData: c.protectData,
    logRetentionDays: c.logRetentionDays,
    apiThrottle: { rateLimit: c.apiThrottleRateLimit, burstLimit: c.apiThrottleBurstLimit },
    functionMemoryMb: c.functionMemoryMb,
    functionTimeoutSeconds: c.functionTimeoutSeconds,
    azureMaximumInstances: c.azureMaximumInstances,
    azureInstanceMemoryMb: c.azureInstanceMemoryMb,
    corsOrigins: c.corsOrigins,
    reportConsumption: c.reportConsumption,
    alerts: {
      email: c.alertEmail,
      functionErrors: c.alertFunctionErrors,
      throttles: c.alertThrottles,
      serverErrorPercent: c.alertServerErrorPercent,
      streamAgeSeconds: c.alertStreamAgeSeconds,
    },
    auth: auth as AuthConfig,
  };
}

export const awsEnabled = (config: Pick<ProgramConfig, 'clouds'>) => config.clouds !== 'azure';
export const azureEnabled = (config: Pick<ProgramConfig, 'clouds'>) => config.clouds !== 'aws';
