// What the AWS entries read from the Lambda environment (names: contract/aws.ts, contract/settings.ts).
// No SDK import here: the SDK is external to the bundles, so each entry loads only the clients it uses.
import type { AwsEnvName } from '../../contract/aws';
import { FUNCTION_TIMEOUT_SETTING } from '../../contract/settings';
import { requireSetting, type Settings } from '../core/settings';
import { DEFAULT_FUNCTION_TIMEOUT_SECONDS } from './time-budget';

/** A setting the stack sets on every function (a table, the bus); MissingSettingError when it is absent. */
export function awsSetting(name: AwsEnvName, settings: Settings = process.env): string {
  return requireSetting(settings, name);
}

/** The memory Lambda gives the function (AWS_LAMBDA_FUNCTION_MEMORY_SIZE, a reserved variable); absent outside Lambda. */
export function lambdaMemoryMb(settings: Settings = process.env): number | undefined {
  const memory = Number(settings.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return Number.isFinite(memory) && memory > 0 ? memory : undefined;
}

/** Unset (local mode, tests) means the stack's default; anything else must be a positive number. */
export function functionTimeoutSeconds(settings: Settings = process.env): number {
  const raw = settings[FUNCTION_TIMEOUT_SETTING];
  if (raw === undefined || raw === '') return DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${FUNCTION_TIMEOUT_SETTING} must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  }
  return seconds;
}
