// The notes app on Azure as one component: Function App (Flex Consumption) + Cosmos DB + Event Grid
// + monitoring, wired by managed identities and RBAC, with no keys anywhere. The constructor reads as
// the table of contents of README's "What it deploys", each part made by the file of that name.
import * as pulumi from '@pulumi/pulumi';
import * as resources from '@pulumi/azure-native/resources';
import * as authorization from '@pulumi/azure-native/authorization';
import { AZURE_FUNCTIONS } from '../contract/azure';
import { DEFAULT_ALERT_SETTINGS } from '../program/alerts';
import { buildAzurePackage, zipBundle } from '../program/bundle';
import { createAlerts } from './alerts';
import { validateAzureNotesAppArgs, type AzureNotesAppArgs } from './args';
import { createCodeDeployment, defaultStagingDir, validatePackage, type AppPackage } from './code-deployment';
import { createAppSettings, createFunctionApp, createHostStorage, disableBasicAuth } from './compute';
import { createDashboard } from './dashboard';
import { createDeadLetterContainer, deadLetterContainerName } from './dead-letters';
import { createDocuments } from './documents';
import { createSubscription, createTopic } from './events';
import { createIdentity } from './identity';
import { createTelemetry } from './telemetry';

export type { AzureNotesAppArgs } from './args';

/** The component's type token. */
export const AZURE_NOTES_APP_TYPE = 'serverless-aws-azure:azure:NotesApp';
/**
 * Its token before it was renamed (it was `AzureStack`): the alias keeps every child's URN, so an
 * existing stack sees no replacement (Pulumi docs, "Resource option: aliases").
 */
export const AZURE_NOTES_APP_PREVIOUS_TYPE = 'serverless-aws-azure:azure:Stack';

function defaultPackage(): AppPackage {
  const bundle = buildAzurePackage();
  return { zip: zipBundle(bundle), hash: bundle.hash };
}

function principalIdOf(
  identity: pulumi.Output<{ principalId?: string } | undefined>,
  owner: string,
): pulumi.Output<string> {
  return identity.apply((i) => {
    if (!i?.principalId) throw new Error(`${owner} has no system-assigned identity`);
    return i.principalId;
  });
}

export class AzureNotesApp extends pulumi.ComponentResource {
  /** `https://<app>.azurewebsites.net`, no trailing slash; routes live under `${endpoint}/api`. */
  readonly endpoint: pulumi.Output<string>;
  readonly location: pulumi.Output<string>;
  readonly resourceGroupName: pulumi.Output<string>;
  readonly functionAppName: pulumi.Output<string>;
  /** The subscription the stack deploys into (compare --cold-starts restarts the app through ARM). */
  readonly subscriptionId: pulumi.Output<string>;
  readonly cosmosEndpoint: pulumi.Output<string>;
  readonly topicEndpoint: pulumi.Output<string>;

  constructor(name: string, args: AzureNotesAppArgs, opts?: pulumi.ComponentResourceOptions) {
    // Bad input or code that does not build fails here, before any resource is registered.
    validateAzureNotesAppArgs(args);
    const code = args.code ?? defaultPackage();
    validatePackage(code);
    super(
      AZURE_NOTES_APP_TYPE,
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: AZURE_NOTES_APP_PREVIOUS_TYPE }] },
    );
    // biome-ignore lint/complexity/noUselessThisAlias: every child's `parent`, so the constructor reads as a table of contents
    const parent = this;

    const group = new resources.ResourceGroup(
      `${name}-rg`,
      args.location === undefined ? {} : { location: args.location },
      { parent },
    );
    const resourceGroupName = group.name;
    const location = group.location;
    const client = authorization.getClientConfigOutput({ parent });

    const telemetry = createTelemetry(
      name,
      { resourceGroupName, location, logRetentionDays: args.logRetentionDays },
      parent,
    );
    const hostStorage = createHostStorage(name, { resourceGroupName, location }, parent);
    const deadLetters = createDeadLetterContainer(
      name,
      { resourceGroupName, accountName: hostStorage.account.name },
      parent,
    );
    const documents = createDocuments(name, { resourceGroupName, location, protectData: args.protectData }, parent);
    const topic = createTopic(name, { resourceGroupName, location }, parent);
    const functionApp = createFunctionApp(
      name,
      {
        resourceGroupName,
        location,
        deploymentContainerUrl: hostStorage.deploymentContainerUrl,
        maximumInstanceCount: args.maximumInstanceCount,
        memoryMb: args.memoryMb,
        corsOrigins: args.corsOrigins,
      },
      parent,
    );
    const app = functionApp.app;

    const identity = createIdentity(
      name,
      {
        subscriptionId: client.subscriptionId,
        resourceGroupName,
        appPrincipalId: principalIdOf(app.identity, 'the Function App'),
        topicPrincipalId: principalIdOf(topic.identity, 'the Event Grid topic'),
        storageAccountId: hostStorage.account.id,
        deadLetterContainerId: deadLetters.containerId,
        appInsightsId: telemetry.appInsights.id,
        topicId: topic.id,
        cosmosAccountId: documents.account.id,
        cosmosAccountName: documents.account.name,
      },
      parent,
    );

    const settings = createAppSettings(
      name,
      {
        resourceGroupName,
        appName: app.name,
        storageAccountName: hostStorage.account.name,
        cosmosEndpoint: documents.endpoint,
        topicEndpoint: topic.endpoint,
        appInsightsConnectionString: telemetry.connectionString,
        reportConsumption: args.reportConsumption ?? false,
        auth: args.auth,
      },
      parent,
    );

    // The code goes in once the app can reach its storage, database and topic.
    const deployment = createCodeDeployment(
      name,
      {
        appPackage: code,
        stagingDir: args.packageStagingDir ?? defaultStagingDir,
        appId: app.id,
        scmHost: functionApp.scmHost,
        requiredFunctions: [...AZURE_FUNCTIONS],
        dependsOn: [
          ...identity.appRoles,
          settings,
          hostStorage.deploymentContainer,
          ...Object.values(documents.containers),
        ],
      },
      parent,
    );

    disableBasicAuth(name, { resourceGroupName, appName: app.name, after: [deployment] }, parent);

    createSubscription(
      name,
      {
        resourceGroupName,
        topicName: topic.name,
        appId: app.id,
        storageAccountId: hostStorage.account.id,
        deadLetterContainerName,
        dependsOn: [deployment, identity.deadLetterRole, deadLetters.container],
      },
      parent,
    );

    // Operations: the dead-letter path, failures and throttling page someone; one dashboard shows them.
    const watched = {
      topicId: topic.id,
      appInsightsId: telemetry.appInsights.id,
      cosmosAccountId: documents.account.id,
    };
    createAlerts(name, { resourceGroupName, ...watched, settings: args.alerts ?? DEFAULT_ALERT_SETTINGS }, parent);
    createDashboard(name, { resourceGroupName, location, ...watched }, parent);

    this.endpoint = pulumi.interpolate`https://${app.defaultHostName}`;
    this.location = location;
    this.resourceGroupName = resourceGroupName;
    this.functionAppName = app.name;
    this.subscriptionId = client.subscriptionId;
    this.cosmosEndpoint = documents.endpoint;
    this.topicEndpoint = topic.endpoint;
    this.registerOutputs({
      endpoint: this.endpoint,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      functionAppName: this.functionAppName,
      subscriptionId: this.subscriptionId,
      cosmosEndpoint: this.cosmosEndpoint,
      topicEndpoint: this.topicEndpoint,
    });
  }
}
