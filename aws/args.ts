// The component's inputs, checked before any resource exists, so bad config changes nothing.
import type { AwsFunctionName, Bundle } from '../handlers/bundle';
import { alertSettingsProblems, type AlertSettings } from '../program/alerts';

export interface AwsStackArgs {
  /** Tables get deletion protection and Pulumi's `protect`: `pulumi destroy` cannot drop the data. */
  protectData: boolean;
  /** CloudWatch retention of every log group (function and access logs); one of CloudWatch's allowed values. */
  logRetentionDays: number;
  /** API stage throttling: steady requests per second and burst bucket size. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Memory of each function, 128..10240 MB. */
  memoryMb: number;
  /** Timeout of each function, 1..900 s (API Gateway itself gives up after 30 s). */
  timeoutSeconds: number;
  /** Browser origins allowed by CORS; empty = no CORS configuration. */
  corsOrigins: string[];
  /** Prefix of function and log group names; defaults to `<project>-<stack>`. */
  namePrefix?: string;
  /** Who is told of alarms, and their thresholds; DEFAULT_ALERT_SETTINGS (no e-mail) when absent. */
  alerts?: AlertSettings;
  /** Prebuilt bundles (tests); by default the handlers are bundled from handlers/aws. */
  bundles?: Record<AwsFunctionName, Bundle>;
}

// CloudWatch Logs accepts only these (PutRetentionPolicy).
export const allowedRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

// Lambda names are at most 64 characters; the longest suffix is "-subscriber".
const namePrefixPattern = /^[A-Za-z0-9_-]{1,50}$/;

/** Throws one error listing every invalid argument. */
export function validateAwsStackArgs(args: AwsStackArgs, namePrefix: string): void {
  const problems: string[] = [];
  if (typeof args.protectData !== 'boolean') problems.push('protectData must be true or false');
  if (!(allowedRetentionDays as readonly number[]).includes(args.logRetentionDays)) {
    problems.push(`logRetentionDays must be one of ${allowedRetentionDays.join(', ')} (got ${args.logRetentionDays})`);
  }
  if (!(args.throttle?.rateLimit > 0)) problems.push(`throttle.rateLimit must be > 0 (got ${args.throttle?.rateLimit})`);
  if (!Number.isInteger(args.throttle?.burstLimit) || args.throttle.burstLimit < 1) {
    problems.push(`throttle.burstLimit must be an integer >= 1 (got ${args.throttle?.burstLimit})`);
  }
  if (!Number.isInteger(args.memoryMb) || args.memoryMb < 128 || args.memoryMb > 10240) {
    problems.push(`memoryMb must be an integer in 128..10240 (got ${args.memoryMb})`);
  }
  if (!Number.isInteger(args.timeoutSeconds) || args.timeoutSeconds < 1 || args.timeoutSeconds > 900) {
    problems.push(`timeoutSeconds must be an integer in 1..900 (got ${args.timeoutSeconds})`);
  }
  if (!Array.isArray(args.corsOrigins) || args.corsOrigins.some((o) => !/^(\*|https?:\/\/[^/\s]+)$/.test(o))) {
    problems.push(`corsOrigins must be a list of origins like https://example.com, or "*" (got ${JSON.stringify(args.corsOrigins)})`);
  }
  if (!namePrefixPattern.test(namePrefix)) {
    problems.push(`namePrefix must be 1..50 letters, digits, "-" or "_" (got ${JSON.stringify(namePrefix)})`);
  }
  if (args.alerts !== undefined) problems.push(...alertSettingsProblems(args.alerts));
  if (problems.length > 0) throw new Error(`Invalid AwsStack arguments:\n- ${problems.join('\n- ')}`);
}
