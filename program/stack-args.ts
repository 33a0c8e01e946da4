// Validated config → each component's arguments. Kept apart from index.ts so the mapping is tested.
import type { AwsStackArgs } from '../aws';
import type { AzureStackArgs } from '../azure';
import type { ProgramConfig } from './config';

export function awsStackArgs(config: ProgramConfig): AwsStackArgs {
  return {
    protectData: config.protectData,
    logRetentionDays: config.logRetentionDays,
    throttle: { ...config.apiThrottle },
    memoryMb: config.functionMemoryMb,
    timeoutSeconds: config.functionTimeoutSeconds,
    corsOrigins: [...config.corsOrigins],
    alerts: { ...config.alerts },
  };
}

export function azureStackArgs(config: ProgramConfig): AzureStackArgs {
  return {
    protectData: config.protectData,
    logRetentionDays: config.logRetentionDays,
    maximumInstanceCount: config.azureMaximumInstances,
    instanceMemoryMB: config.azureInstanceMemoryMb,
    corsOrigins: [...config.corsOrigins],
    alerts: { ...config.alerts },
  };
}
