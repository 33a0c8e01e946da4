// The component's inputs, checked before any resource exists, so bad config changes nothing.
// Every range comes from contract/limits.ts, the same one the stack config is checked against.
import type { AwsFunctionName } from '../contract/aws';
import {
  API_THROTTLE_BURST_LIMIT,
  API_THROTTLE_RATE_LIMIT,
  corsOriginsArgProblem,
  FUNCTION_MEMORY_MB,
  FUNCTION_TIMEOUT_SECONDS,
  LOG_RETENTION_DAYS,
  oneOfProblem,
  rangeProblem,
} from '../contract/limits';
import type { Bundle } from '../program/bundle';
import type { AuthConfig } from '../handlers/core/auth/config';
import { alertSettingsProblems, type AlertSettings } from '../program/alerts';
import { authArgProblem } from '../program/auth-config';

export interface AwsNotesAppArgs {
  /** Tables get deletion protection and Pulumi's `protect`: `pulumi destroy` cannot drop the data. */
  protectData: boolean;
  /** CloudWatch retention of every log group (function and access logs); one of CloudWatch's allowed values. */
  logRetentionDays: number;
  /** API stage throttling: steady requests per second and burst bucket size. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Memory of each function in MB. */
  memoryMb: number;
  /** Timeout of each function in seconds (API Gateway itself gives up after 30 s). */
  timeoutSeconds: number;
  /** Browser origins allowed by CORS; empty = no CORS configuration. */
  corsOrigins: string[];
  /** Sets REPORT_CONSUMPTION_SETTING (contract/settings.ts) on every function; off when absent. */
  reportConsumption?: boolean;
  /** Prefix of function and log group names; defaults to `<project>-<stack>`. */
  namePrefix?: string;
  /** Who may use the notes (the api function checks every token); `{ mode: 'none' }` for a trial stack. */
  auth: AuthConfig;
  /** Who is told of alarms, and their thresholds; DEFAULT_ALERT_SETTINGS (no e-mail) when absent. */
  alerts?: AlertSettings;
  /** The code, prebuilt (tests); by default the handlers are bundled from handlers/aws. */
  code?: Record<AwsFunctionName, Bundle>;
}

// Lambda names are at most 64 characters; the longest suffix is "-subscriber".
const namePrefixPattern = /^[A-Za-z0-9_-]{1,50}$/;

/** Throws one error listing every invalid argument. */
export function validateAwsNotesAppArgs(args: AwsNotesAppArgs, namePrefix: string): void {
  const problems = [
    typeof args.protectData === 'boolean' ? undefined : 'protectData must be true or false',
    oneOfProblem('logRetentionDays', args.logRetentionDays, LOG_RETENTION_DAYS),
    rangeProblem('throttle.rateLimit', args.throttle?.rateLimit, API_THROTTLE_RATE_LIMIT),
    rangeProblem('throttle.burstLimit', args.throttle?.burstLimit, API_THROTTLE_BURST_LIMIT),
    rangeProblem('memoryMb', args.memoryMb, FUNCTION_MEMORY_MB),
    rangeProblem('timeoutSeconds', args.timeoutSeconds, FUNCTION_TIMEOUT_SECONDS),
    corsOriginsArgProblem(args.corsOrigins),
    authArgProblem(args.auth),
    namePrefixPattern.test(namePrefix)
      ? undefined
      : `namePrefix must be 1..50 letters, digits, "-" or "_" (got ${JSON.stringify(namePrefix)})`,
    ...(args.alerts === undefined ? [] : alertSettingsProblems(args.alerts)),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`Invalid AwsNotesApp arguments:\n- ${problems.join('\n- ')}`);
}
