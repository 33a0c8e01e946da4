// The Azure half of the app as one component: Function App (Flex Consumption) + Cosmos DB +
// Event Grid + monitoring, wired by managed identities and RBAC, with no keys anywhere.
import * as pulumi from '@pulumi/pulumi';
import * as resources from '@pulumi/azure-native/resources';
import * as authorization from '@pulumi/azure-native/authorization';
import { buildAzurePackage, zipBundle } from '../program/bundle';
import { alertSettingsProblems, DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../program/alerts';
import { createAlerts } from './alerts';
import { createDashboard } from './dashboard';
import { createData, containerNames, databaseName } from './data';
import { createDeployment, defaultStagingDir, validatePackage, type AppPackage } from './deploy';
import { createSubscription, createTopic, subscriberFunctionName } from './events';
import { createAppSettings, createFunctionApp, disableBasicAuth, validateCorsOrigins, validateScale, type InstanceMemoryMB } from './functions';
import { createIam } from './iam';
import { createMonitoring, workspaceRetentionDays } from './monitoring';
import { createHostStorage, deadLetterContainerName } from './storage';

export interface AzureStackArgs {
  /** Region; defaults to the provider's `azure-native:location`. */
  location?: pulumi.Input<string>;
  /** Protect the Cosmos DB account, database and containers from deletion. */
  protectData: boolean;
  logRetentionDays: number;
  maximumInstanceCount: number;
  instanceMemoryMB: InstanceMemoryMB;
  /** Browser origins allowed to call the API (bare origins, or "*"). */
  corsOrigins: string[];
  /** REPORT_CONSUMPTION=true in the app settings (handlers/core/consumption.ts); off when absent. */
  reportConsumption?: boolean;
  /** The Function App package; built from handlers/azure when absent. Tests inject their own. */
  appPackage?: AppPackage;
  /** Where the zip is staged for the deployment step; defaults to a folder under the OS temp dir. */
  packageStagingDir?: string;
  /** Who is told of alerts, and their thresholds; DEFAULT_ALERT_SETTINGS (no e-mail) when absent. */
  alerts?: AlertSettings;
}

/** The functions handlers/azure/index.ts registers (docs/ARCHITECTURE.md "Entry points"). */
export const functionNames = ['api', 'publisher', subscriberFunctionName];

function defaultPackage(): AppPackage {
  const bundle = buildAzurePackage();
  return { zip: zipBundle(bundle), hash: bundle.hash };
}

function principalIdOf(identity: pulumi.Output<{ principalId?: string } | undefined>, owner: string): pulumi.Output<string> {
  return identity.apply((i) => {
    if (!i?.principalId) throw new Error(`${owner} has no system-assigned identity`);
    return i.principalId;
  });
}

export class AzureStack extends pulumi.ComponentResource {
  /** `https://<app>.azurewebsites.net`, no trailing slash; routes live under /api. */
  readonly url: pulumi.Output<string>;
  readonly location: pulumi.Output<string>;
  readonly resourceGroupName: pulumi.Output<string>;
  readonly functionAppName: pulumi.Output<string>;
  /** The subscription the stack deploys into (compare --cold-starts restarts the app through ARM). */
  readonly subscriptionId: pulumi.Output<string>;
  readonly cosmosEndpoint: pulumi.Output<string>;
  readonly topicEndpoint: pulumi.Output<string>;

  constructor(name: string, args: AzureStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Bad input fails here, before any resource is registered.
    validateScale(args.maximumInstanceCount, args.instanceMemoryMB);
    validateCorsOrigins(args.corsOrigins);
    workspaceRetentionDays(args.logRetentionDays);
    const alertSettings = args.alerts ?? DEFAULT_ALERT_SETTINGS;
    const alertProblems = alertSettingsProblems(alertSettings);
    if (alertProblems.length > 0) throw new Error(`Invalid AzureStack arguments:\n- ${alertProblems.join('\n- ')}`);
    const appPackage = args.appPackage ?? defaultPackage();
    validatePackage(appPackage);

    super('serverless-aws-azure:azure:Stack', name, {}, opts);
    const parent = this;

    const group = new resources.ResourceGroup(`${name}-rg`, args.location === undefined ? {} : { location: args.location }, { parent });
    const resourceGroupName = group.name;
    const location = group.location;
    const client = authorization.getClientConfigOutput({ parent });

    const monitoring = createMonitoring(name, { resourceGroupName, location, logRetentionDays: args.logRetentionDays }, parent);
    const hostStorage = createHostStorage(name, { resourceGroupName, location }, parent);
    const data = createData(name, { resourceGroupName, location, protectData: args.protectData }, parent);
    const topic = createTopic(name, { resourceGroupName, location }, parent);
    const functionApp = createFunctionApp(
      name,
      {
        resourceGroupName,
        location,
        deploymentContainerUrl: hostStorage.deploymentContainerUrl,
        maximumInstanceCount: args.maximumInstanceCount,
        instanceMemoryMB: args.instanceMemoryMB,
        corsOrigins: args.corsOrigins,
      },
      parent,
    );
    const app = functionApp.app;

    const iam = createIam(
      name,
      {
        subscriptionId: client.subscriptionId,
        resourceGroupName,
        appPrincipalId: principalIdOf(app.identity, 'the Function App'),
        topicPrincipalId: principalIdOf(topic.identity, 'the Event Grid topic'),
        storageAccountId: hostStorage.account.id,
        deadLetterContainerId: hostStorage.deadLetterContainerId,
        appInsightsId: monitoring.appInsights.id,
        topicId: topic.id,
        cosmosAccountId: data.account.id,
        cosmosAccountName: data.account.name,
      },
      parent,
    );

    const settings = createAppSettings(
      name,
      {
        resourceGroupName,
        appName: app.name,
        storageAccountName: hostStorage.account.name,
        cosmosEndpoint: data.endpoint,
        databaseName,
        containers: containerNames,
        topicEndpoint: topic.endpoint,
        appInsightsConnectionString: monitoring.connectionString,
        reportConsumption: args.reportConsumption ?? false,
      },
      parent,
    );

    // The code goes in once the app can reach its storage, database and topic.
    const deployment = createDeployment(
      name,
      {
        appPackage,
        stagingDir: args.packageStagingDir ?? defaultStagingDir,
        appId: app.id,
        scmHost: functionApp.scmHost,
        requiredFunctions: functionNames,
        dependsOn: [
          ...iam.appRoles,
          settings,
          hostStorage.deploymentContainer,
          ...Object.values(data.containers),
        ],
      },
      parent,
    );

    disableBasicAuth(name, { resourceGroupName, appName: app.name }, [deployment], parent);

    createSubscription(
      name,
      {
        resourceGroupName,
        topicName: topic.name,
        appId: app.id,
        storageAccountId: hostStorage.account.id,
        deadLetterContainerName,
        dependsOn: [deployment, iam.deadLetterRole, hostStorage.deadLetterContainer],
      },
      parent,
    );

    // Operations: the dead-letter path, failures and throttling page someone; one dashboard shows them.
    const watched = { topicId: topic.id, appInsightsId: monitoring.appInsights.id, cosmosAccountId: data.account.id };
    createAlerts(name, { resourceGroupName, ...watched }, alertSettings, parent);
    createDashboard(name, { resourceGroupName, location, ...watched }, parent);

    this.url = pulumi.interpolate`https://${app.defaultHostName}`;
    this.location = location;
    this.resourceGroupName = resourceGroupName;
    this.functionAppName = app.name;
    this.subscriptionId = client.subscriptionId;
    this.cosmosEndpoint = data.endpoint;
    this.topicEndpoint = topic.endpoint;
    this.registerOutputs({
      url: this.url,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      functionAppName: this.functionAppName,
      subscriptionId: this.subscriptionId,
      cosmosEndpoint: this.cosmosEndpoint,
      topicEndpoint: this.topicEndpoint,
    });
  }
}
