// The component's inputs, checked before any resource exists, so bad config changes nothing.
// Every range comes from contract/limits.ts, the same one the stack config is checked against.
import type * as pulumi from '@pulumi/pulumi';
import {
  AZURE_INSTANCE_MEMORY_MB,
  AZURE_LOG_RETENTION_DAYS,
  AZURE_MAXIMUM_INSTANCES,
  corsOriginsArgProblem,
  oneOfProblem,
  rangeProblem,
  type AzureInstanceMemoryMb,
} from '../contract/limits';
import type { AuthConfig } from '../handlers/core/auth/config';
import { alertSettingsProblems, type AlertSettings } from '../program/alerts';
import { authArgProblem } from '../program/auth-config';
import { validatePackage, type AppPackage } from './code-deployment';

export interface AzureNotesAppArgs {
  /** Region; defaults to the provider's `azure-native:location`. */
  location?: pulumi.Input<string>;
  /** Protect the Cosmos DB account, database and containers from deletion. */
  protectData: boolean;
  /** Days Log Analytics keeps logs; values under its 30-day minimum mean 30. */
  logRetentionDays: number;
  /** Flex Consumption maximum instance count: the ceiling on scale-out, and so on cost. */
  maximumInstanceCount: number;
  /** Flex Consumption instance memory in MB. */
  memoryMb: AzureInstanceMemoryMb;
  /** Browser origins allowed to call the API (bare origins, or "*"). */
  corsOrigins: string[];
  /** Sets REPORT_CONSUMPTION_SETTING (contract/settings.ts) in the app settings; off when absent. */
  reportConsumption?: boolean;
  /** Who may use the notes (the api function checks every token); `{ mode: 'none' }` for a trial stack. */
  auth: AuthConfig;
  /** Who is told of alerts, and their thresholds; DEFAULT_ALERT_SETTINGS (no e-mail) when absent. */
  alerts?: AlertSettings;
  /** The code, prebuilt (tests): the Function App package; built from handlers/azure when absent. */
  code?: AppPackage;
  /** Where the zip is staged for the deployment step; defaults to a folder under the OS temp dir. */
  packageStagingDir?: string;
}

/** Throws one error listing every invalid argument. */
export function validateAzureNotesAppArgs(args: AzureNotesAppArgs): void {
  const problems = [
    typeof args.protectData === 'boolean' ? undefined : 'protectData must be true or false',
    oneOfProblem('logRetentionDays', args.logRetentionDays, AZURE_LOG_RETENTION_DAYS),
    rangeProblem('maximumInstanceCount', args.maximumInstanceCount, AZURE_MAXIMUM_INSTANCES),
    oneOfProblem('memoryMb', args.memoryMb, AZURE_INSTANCE_MEMORY_MB),
    corsOriginsArgProblem(args.corsOrigins),
    authArgProblem(args.auth),
    ...(args.alerts === undefined ? [] : alertSettingsProblems(args.alerts)),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`Invalid AzureNotesApp arguments:\n- ${problems.join('\n- ')}`);
  if (args.code !== undefined) validatePackage(args.code);
}
