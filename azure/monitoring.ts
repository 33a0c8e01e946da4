// Log Analytics workspace and workspace-based Application Insights; ingestion by Entra ID only.
import * as pulumi from '@pulumi/pulumi';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import * as applicationinsights from '@pulumi/azure-native/applicationinsights';

export interface MonitoringArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Days to keep logs; Log Analytics (PerGB2018) accepts 30..730. */
  logRetentionDays: number;
}

export interface Monitoring {
  workspace: operationalinsights.Workspace;
  appInsights: applicationinsights.Component;
  /** A secret: the connection string carries the ingestion key. */
  connectionString: pulumi.Output<string>;
}

export const minRetentionDays = 30;
export const maxRetentionDays = 730;

/** Retention as Log Analytics accepts it; AWS-only values below 30 days are raised to 30 with a warning. */
export function workspaceRetentionDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > maxRetentionDays) {
    throw new Error(`logRetentionDays must be an integer from 1 to ${maxRetentionDays} on Azure, got ${days}`);
  }
  return Math.max(days, minRetentionDays);
}

export function createMonitoring(name: string, args: MonitoringArgs, parent: pulumi.Resource): Monitoring {
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
