// The Function App on the Flex Consumption plan (FC1), Node 22, system-assigned identity, no keys.
import * as pulumi from '@pulumi/pulumi';
import * as web from '@pulumi/azure-native/web';
import { REPORT_CONSUMPTION_SETTING } from '../handlers/core/consumption';

export type InstanceMemoryMB = 2048 | 4096;
type SiteConfig = NonNullable<web.WebAppArgs['siteConfig']>;

export interface FunctionAppArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** functionAppConfig.deployment.storage.value: the blob container Flex deploys packages to. */
  deploymentContainerUrl: pulumi.Input<string>;
  maximumInstanceCount: number;
  instanceMemoryMB: InstanceMemoryMB;
  corsOrigins: string[];
}

export interface FunctionApp {
  plan: web.AppServicePlan;
  app: web.WebApp;
  /** The SCM (Kudu) host One Deploy publishes to. */
  scmHost: pulumi.Output<string>;
}

/** Flex Consumption limits: at most 1000 instances; instance memory 2048 or 4096 MB. */
export function validateScale(maximumInstanceCount: number, instanceMemoryMB: number): void {
  if (!Number.isInteger(maximumInstanceCount) || maximumInstanceCount < 1 || maximumInstanceCount > 1000) {
    throw new Error(`maximumInstanceCount must be an integer from 1 to 1000 on Flex Consumption, got ${maximumInstanceCount}`);
  }
  if (instanceMemoryMB !== 2048 && instanceMemoryMB !== 4096) {
    throw new Error(`instanceMemoryMB must be 2048 or 4096, got ${instanceMemoryMB}`);
  }
}

export function validateCorsOrigins(origins: string[]): void {
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`corsOrigins: ${JSON.stringify(origin)} is not an origin such as https://example.com`);
    }
    if (url.origin !== origin) {
      throw new Error(`corsOrigins: ${JSON.stringify(origin)} must be a bare origin (scheme://host[:port], no path or trailing slash)`);
    }
  }
}

/**
 * The SDK fills `netFrameworkVersion: "v4.6"`, `http20Enabled` and `localMySqlEnabled` into any
 * siteConfig it is given, and Flex rejects NetFrameworkVersion in some regions
 * (pulumi/pulumi-azure-native#4168, error 51021). This sends siteConfig exactly as written.
 */
function sendSiteConfigAsWritten(siteConfig: SiteConfig): pulumi.ResourceTransformation {
  return ({ type, props, opts }) =>
    type === 'azure-native:web:WebApp' ? { props: { ...props, siteConfig }, opts } : undefined;
}

export function createFunctionApp(name: string, args: FunctionAppArgs, parent: pulumi.Resource): FunctionApp {
  validateScale(args.maximumInstanceCount, args.instanceMemoryMB);
  validateCorsOrigins(args.corsOrigins);

  const plan = new web.AppServicePlan(
    `${name}-plan`,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      kind: 'functionapp',
      reserved: true, // Linux
      sku: { name: 'FC1', tier: 'FlexConsumption' },
    },
    { parent },
  );

  // Only what Flex accepts: no ftpsState/netFrameworkVersion/use32BitWorkerProcess (rejected with
  // error 51021, microsoft/azure-pipelines-tasks#21032); FTP is off through disableBasicAuth below.
  const siteConfig: SiteConfig = {
    minTlsVersion: '1.2',
    scmMinTlsVersion: '1.2',
    ...(args.corsOrigins.length > 0 ? { cors: { allowedOrigins: args.corsOrigins } } : {}),
  };

  const app = new web.WebApp(
    `${name}-app`,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      kind: 'functionapp,linux',
      serverFarmId: plan.id,
      identity: { type: 'SystemAssigned' },
      httpsOnly: true,
      clientAffinityEnabled: false,
      siteConfig,
      functionAppConfig: {
        deployment: {
          storage: {
            type: 'blobContainer',
            value: args.deploymentContainerUrl,
            authentication: { type: 'SystemAssignedIdentity' },
          },
        },
        runtime: { name: 'node', version: '22' },
        scaleAndConcurrency: {
          maximumInstanceCount: args.maximumInstanceCount,
          instanceMemoryMB: args.instanceMemoryMB,
        },
      },
    },
    { parent, transformations: [sendSiteConfigAsWritten(siteConfig)] },
  );

  const scmHost = pulumi
    .all([app.hostNameSslStates, app.name])
    .apply(([states, appName]) => states?.find((s) => s.hostType === 'Repository')?.name ?? `${appName}.scm.azurewebsites.net`);

  return { plan, app, scmHost };
}

/**
 * Basic-auth publishing off (One Deploy authenticates with Entra ID tokens instead), written last:
 * these sites/basicPublishingCredentialsPolicies have been refused without a `location`, which the
 * SDK cannot send (BadRequest 51008, Azure/bicep-types-az#1526, #1571), and Flex has no FTP at all.
 * Nothing waits for them, so a refusal fails `pulumi up` with settings, code and events in place.
 * They follow the code deployment and each other: parallel writes to one site can conflict (409).
 */
export function disableBasicAuth(
  name: string,
  args: { resourceGroupName: pulumi.Input<string>; appName: pulumi.Input<string> },
  after: pulumi.Resource[],
  parent: pulumi.Resource,
): pulumi.Resource[] {
  const basicAuth = { resourceGroupName: args.resourceGroupName, name: args.appName, allow: false };
  const ftp = new web.WebAppFtpAllowed(`${name}-ftp-basic-auth`, basicAuth, { parent, dependsOn: after });
  const scm = new web.WebAppScmAllowed(`${name}-scm-basic-auth`, basicAuth, { parent, dependsOn: [ftp] });
  return [ftp, scm];
}

export interface AppSettingsArgs {
  resourceGroupName: pulumi.Input<string>;
  appName: pulumi.Input<string>;
  storageAccountName: pulumi.Input<string>;
  cosmosEndpoint: pulumi.Input<string>;
  databaseName: string;
  containers: { notes: string; activity: string; leases: string };
  topicEndpoint: pulumi.Input<string>;
  /** Secret: carries the ingestion key even though ingestion is authenticated by Entra ID. */
  appInsightsConnectionString: pulumi.Input<string>;
  /** Adds REPORT_CONSUMPTION=true (handlers/core/consumption.ts). */
  reportConsumption: boolean;
}

/**
 * App settings as their own resource (sites/config/appsettings), as Microsoft's Flex templates do,
 * so the site resource itself stays minimal. Identity-based connections only: no key anywhere.
 */
export function createAppSettings(name: string, args: AppSettingsArgs, parent: pulumi.Resource): web.WebAppApplicationSettings {
  return new web.WebAppApplicationSettings(
    `${name}-settings`,
    {
      resourceGroupName: args.resourceGroupName,
      name: args.appName,
      properties: {
        AzureWebJobsStorage__accountName: args.storageAccountName,
        AzureWebJobsStorage__credential: 'managedidentity',
        // The Cosmos DB trigger's identity connection (connection name "COSMOS").
        COSMOS__accountEndpoint: args.cosmosEndpoint,
        COSMOS_ENDPOINT: args.cosmosEndpoint,
        COSMOS_DATABASE: args.databaseName,
        COSMOS_NOTES_CONTAINER: args.containers.notes,
        COSMOS_ACTIVITY_CONTAINER: args.containers.activity,
        COSMOS_LEASES_CONTAINER: args.containers.leases,
        EVENTGRID_TOPIC_ENDPOINT: args.topicEndpoint,
        APPLICATIONINSIGHTS_CONNECTION_STRING: pulumi.secret(args.appInsightsConnectionString),
        // System-assigned identity: no ClientId part.
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
        ...(args.reportConsumption && { [REPORT_CONSUMPTION_SETTING]: 'true' }),
      },
    },
    { parent },
  );
}
