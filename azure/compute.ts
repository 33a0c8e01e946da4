// Compute: the Function App on the Flex Consumption plan (FC1), Node 22, system-assigned identity, no
// keys, with its own storage account (host state and the container Flex deploys packages from) and
// its app settings, named by contract/azure.ts.
import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage';
import * as web from '@pulumi/azure-native/web';
import { AZURE_SETTINGS, COSMOS_CONTAINERS, COSMOS_DATABASE } from '../contract/azure';
import type { AzureInstanceMemoryMb } from '../contract/limits';
import { REPORT_CONSUMPTION_SETTING } from '../contract/settings';
import type { AuthConfig } from '../handlers/core/auth/config';
import { authEnvironment } from '../program/auth-config';
import { changeFeedSettings } from './changes';
import { frontDoorSiteConfig, type SiteConfig } from './http';
import { storageAccountLogicalName } from './names';

export const deploymentContainerName = 'app-package';

export interface HostStorageArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
}

export interface HostStorage {
  account: storage.StorageAccount;
  deploymentContainer: storage.BlobContainer;
  /** `https://<account>.blob.core.windows.net/<container>`, as functionAppConfig.deployment wants it. */
  deploymentContainerUrl: pulumi.Output<string>;
}

/** The app's own storage account, reached by identity only (shared keys off), and the deployment container. */
export function createHostStorage(name: string, args: HostStorageArgs, parent: pulumi.Resource): HostStorage {
  const account = new storage.StorageAccount(
    storageAccountLogicalName(name),
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      kind: 'StorageV2',
      sku: { name: 'Standard_LRS' },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      // Flex reaches host and deployment storage with its managed identity, as Microsoft's
      // Flex quickstart does (Azure-Samples/functions-quickstart-typescript-azd, infra/main.bicep).
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
    },
    { parent },
  );
  const deploymentContainer = new storage.BlobContainer(
    `${name}-deployments`,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: account.name,
      containerName: deploymentContainerName,
      publicAccess: 'None',
    },
    { parent },
  );
  return {
    account,
    deploymentContainer,
    deploymentContainerUrl: pulumi.interpolate`${account.primaryEndpoints.blob}${deploymentContainer.name}`,
  };
}

export interface FunctionAppArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** functionAppConfig.deployment.storage.value: the blob container Flex deploys packages to. */
  deploymentContainerUrl: pulumi.Input<string>;
  maximumInstanceCount: number;
  memoryMb: AzureInstanceMemoryMb;
  corsOrigins: string[];
}

export interface FunctionApp {
  plan: web.AppServicePlan;
  app: web.WebApp;
  /** The SCM (Kudu) host One Deploy publishes to. */
  scmHost: pulumi.Output<string>;
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

  const siteConfig = frontDoorSiteConfig(args.corsOrigins);

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
          instanceMemoryMB: args.memoryMb,
        },
      },
    },
    { parent, transformations: [sendSiteConfigAsWritten(siteConfig)] },
  );

  const scmHost = pulumi
    .all([app.hostNameSslStates, app.name])
    .apply(
      ([states, appName]) =>
        states?.find((s) => s.hostType === 'Repository')?.name ?? `${appName}.scm.azurewebsites.net`,
    );

  return { plan, app, scmHost };
}

/**
 * Basic-auth publishing off (One Deploy authenticates with Entra ID tokens instead), written last:
 * these sites/basicPublishingCredentialsPolicies have been refused without a `location`, which the
 * SDK cannot send (BadRequest 51008, Azure/bicep-types-az#1526, #1571), and Flex has no FTP at all.
 * Nothing waits for them, so a refusal fails `pulumi up` with settings, code and events in place.
 * They follow the code deployment and each other: parallel writes to one site can conflict (409).
 */
export interface BasicAuthArgs {
  resourceGroupName: pulumi.Input<string>;
  appName: pulumi.Input<string>;
  /** What must be done first: the code deployment. */
  after: pulumi.Resource[];
}

export function disableBasicAuth(name: string, args: BasicAuthArgs, parent: pulumi.Resource): pulumi.Resource[] {
  const basicAuth = { resourceGroupName: args.resourceGroupName, name: args.appName, allow: false };
  const ftp = new web.WebAppFtpAllowed(`${name}-ftp-basic-auth`, basicAuth, { parent, dependsOn: args.after });
  const scm = new web.WebAppScmAllowed(`${name}-scm-basic-auth`, basicAuth, { parent, dependsOn: [ftp] });
  return [ftp, scm];
}

export interface AppSettingsArgs {
  resourceGroupName: pulumi.Input<string>;
  appName: pulumi.Input<string>;
  storageAccountName: pulumi.Input<string>;
  cosmosEndpoint: pulumi.Input<string>;
  topicEndpoint: pulumi.Input<string>;
  /** Secret: carries the ingestion key even though ingestion is authenticated by Entra ID. */
  appInsightsConnectionString: pulumi.Input<string>;
  /** Adds REPORT_CONSUMPTION_SETTING = "true" (contract/settings.ts). */
  reportConsumption: boolean;
  /** Sign-in: the issuer and audience the api checks tokens against, or none. */
  auth: AuthConfig;
}

/**
 * App settings as their own resource (sites/config/appsettings), as Microsoft's Flex templates do,
 * so the site resource itself stays minimal. Identity-based connections only: no key anywhere.
 */
export function createAppSettings(
  name: string,
  args: AppSettingsArgs,
  parent: pulumi.Resource,
): web.WebAppApplicationSettings {
  return new web.WebAppApplicationSettings(
    `${name}-settings`,
    {
      resourceGroupName: args.resourceGroupName,
      name: args.appName,
      properties: {
        AzureWebJobsStorage__accountName: args.storageAccountName,
        AzureWebJobsStorage__credential: 'managedidentity',
        ...changeFeedSettings({ cosmosEndpoint: args.cosmosEndpoint }),
        [AZURE_SETTINGS.cosmosEndpoint]: args.cosmosEndpoint,
        [AZURE_SETTINGS.database]: COSMOS_DATABASE,
        [AZURE_SETTINGS.notesContainer]: COSMOS_CONTAINERS.notes.id,
        [AZURE_SETTINGS.activityContainer]: COSMOS_CONTAINERS.activity.id,
        [AZURE_SETTINGS.topicEndpoint]: args.topicEndpoint,
        APPLICATIONINSIGHTS_CONNECTION_STRING: pulumi.secret(args.appInsightsConnectionString),
        // System-assigned identity: no ClientId part.
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
        ...(args.reportConsumption && { [REPORT_CONSUMPTION_SETTING]: 'true' }),
        ...authEnvironment(args.auth),
      },
    },
    { parent },
  );
}
