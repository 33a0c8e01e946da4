// Validated config → each component's arguments. Kept apart from index.ts so the mapping is tested.
import type { AwsNotesAppArgs } from '../aws';
import type { AzureNotesAppArgs } from '../azure';
import type { ProgramConfig } from './config';

export function awsNotesAppArgs(config: ProgramConfig): AwsNotesAppArgs {
  return {
    protectData: config.protectData,
    logRetentionDays: config.logRetentionDays,
    throttle: { ...config.apiThrottle },
    memoryMb: config.functionMemoryMb,
    timeoutSeconds: config.functionTimeoutSeconds,
    corsOrigins: [...config.corsOrigins],
    reportConsumption: config.reportConsumption,
    alerts: { ...config.alerts },
    auth: { ...config.auth },
  };
}

export function azureNotesAppArgs(config: ProgramConfig): AzureNotesAppArgs {
  return {
    protectData: config.protectData,
    logRetentionDays: config.logRetentionDays,
    maximumInstanceCount: config.azureMaximumInstances,
    memoryMb: config.azureInstanceMemoryMb,
    corsOrigins: [...config.corsOrigins],
    reportConsumption: config.reportConsumption,
    alerts: { ...config.alerts },
    auth: { ...config.auth },
  };
}
