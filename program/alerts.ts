/**
 * Alert settings shared by both clouds: who is told, and when. Cloud-free, so the stack config
 * (program/config.ts), both components and the tests read the same limits and defaults.
 */
import { ALERT_RANGES, rangeProblem } from '../contract/limits';

/** What each cloud's alerts compare against; dead-letter alerts need none (any message alerts). */
export interface AlertThresholds {
  /** Function errors (Lambda Errors; Application Insights failed requests) in one alert period. */
  functionErrors: number;
  /** Throttled calls in one period: Lambda throttles on AWS, Cosmos DB 429s on Azure. */
  throttles: number;
  /** Share of API requests answered 5xx in one period, percent. */
  serverErrorPercent: number;
  /** Age of the oldest unprocessed change-stream record (DynamoDB Streams iterator age), seconds. */
  streamAgeSeconds: number;
}

export interface AlertSettings extends AlertThresholds {
  /** Where alerts are mailed; empty: alerts still fire (console, API) but nobody is subscribed. */
  email: string;
}

/** One evaluation window for every alert and dashboard panel: long enough to be calm, short enough to page. */
export const ALERT_PERIOD_SECONDS = 300;

/** Stack config keys of the thresholds, their defaults and their bounds (inclusive). */
export const ALERT_THRESHOLD_KEYS = {
  alertFunctionErrors: { field: 'functionErrors', default: 1, range: ALERT_RANGES.functionErrors },
  alertThrottles: { field: 'throttles', default: 10, range: ALERT_RANGES.throttles },
  alertServerErrorPercent: { field: 'serverErrorPercent', default: 5, range: ALERT_RANGES.serverErrorPercent },
  alertStreamAgeSeconds: { field: 'streamAgeSeconds', default: 600, range: ALERT_RANGES.streamAgeSeconds },
} as const satisfies Record<
  string,
  { field: keyof AlertThresholds; default: number; range: readonly [number, number] }
>;

// Deliberately loose (one @, a dot in the domain, no spaces): the providers validate the rest, and
// SNS and Azure action groups both send a confirmation or notice to the address.
export const ALERT_EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  email: '',
  functionErrors: ALERT_THRESHOLD_KEYS.alertFunctionErrors.default,
  throttles: ALERT_THRESHOLD_KEYS.alertThrottles.default,
  serverErrorPercent: ALERT_THRESHOLD_KEYS.alertServerErrorPercent.default,
  streamAgeSeconds: ALERT_THRESHOLD_KEYS.alertStreamAgeSeconds.default,
};

/** Every problem with the settings, one line each; empty when they are valid. */
export function alertSettingsProblems(settings: AlertSettings): string[] {
  const problems: string[] = [];
  if (typeof settings?.email !== 'string' || (settings.email !== '' && !ALERT_EMAIL_PATTERN.test(settings.email))) {
    problems.push(
      `alerts.email must be empty or an e-mail address like ops@example.com (got ${JSON.stringify(settings?.email)})`,
    );
  }
  for (const { field, range } of Object.values(ALERT_THRESHOLD_KEYS)) {
    const problem = rangeProblem(`alerts.${field}`, settings?.[field], range);
    if (problem) problems.push(problem);
  }
  return problems;
}
