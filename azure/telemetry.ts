// Log Analytics workspace and workspace-based Application Insights; ingestion by Entra ID only.
import * as pulumi from '@pulumi/pulumi';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import * as applicationinsights from '@pulumi/azure-native/applicationinsights';
import { AZURE_MIN_RETENTION_DAYS } from '../contract/limits';

export interface TelemetryArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Days to keep logs; Log Analytics (PerGB2018) accepts 30..730 (contract/limits.ts). */
  logRetentionDays: number;
}

export interface Telemetry {
  workspace: operationalinsights.Workspace;
  appInsights: applicationinsights.Component;
  /** A secret: the connection string carries the ingestion key. */
  connectionString: pulumi.Output<string>;
}

/** Retention as Log Analytics keeps it: values below its minimum (valid on AWS) are raised to it. */
export function workspaceRetentionDays(days: number): number {
  return Math.max(days, AZURE_MIN_RETENTION_DAYS);
}

export function createTelemetry(name: string, args: TelemetryArgs, parent: pulumi.Resource): Telemetry {
  const retentionInDays = workspaceRetentionDays(args.logRetentionDays);
  if (retentionInDays !== args.logRetentionDays) {
    void pulumi.log.warn(
      `logRetentionDays ${args.logRetentionDays} is below Log Analytics' minimum; Azure keeps logs ${retentionInDays} days`,
      parent,
    );
  }
  const workspace = new operationalinsights.Workspace(
    `${name}-logs`,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      sku: { name: 'PerGB2018' },
      retentionInDays,
    },
    { parent },
  );
  const appInsights = new applicationinsights.Component(
    `${name}-insights`,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      kind: 'web',
      applicationType: 'web',
      workspaceResourceId: workspace.id,
      ingestionMode: 'LogAnalytics',
      // The app sends telemetry with its identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
      disableLocalAuth: true,
    },
    { parent },
  );
  return { workspace, appInsights, connectionString: pulumi.secret(appInsights.connectionString) };
}
