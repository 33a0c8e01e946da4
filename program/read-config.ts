import * as pulumi from '@pulumi/pulumi';
import { ConfigError, parseConfig, PROJECT, type ProgramConfig } from './config';

/**
 * Reads this project's keys from the stack configuration (all of them, so a misspelt key is
 * reported instead of silently ignored) and validates them. Provider keys (aws:*, azure-native:*)
 * are the providers' business and are left alone.
 */
export function readConfig(): ProgramConfig {
  const prefix = `${PROJECT}:`;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
  }
  try {
    return parseConfig(raw);
  } catch (error) {
    // RunError ends the program with the message alone, without a stack trace.
    if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
