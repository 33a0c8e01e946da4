// One program run of the Azure component under Pulumi mocks; every assertion reads the captured inputs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import { isRpcSecret, unwrapRpcSecret } from '@pulumi/pulumi/runtime/rpc';
import { stableUuid } from '../../azure/names';
import { AZURE_SETTINGS, COSMOS_CONTAINERS, COSMOS_DATABASE } from '../../contract/azure';
import { NOTE_EVENT_TYPES } from '../../contract/events';
import {
  appPrincipalId,
  connectionString,
  installAzureMocks,
  mockLocation,
  one,
  ofType,
  outputValue,
  subscriptionId,
  topicPrincipalId,
  waitFor,
  type Captured,
} from './azure-run';
import { fakePackage } from './fake-package';
import { authEnvironment } from '../../program/auth-config';
import { TEST_AUTH } from '../support/stack-auth';

const captured = installAzureMocks();
const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-stack-test-'));
const appPackage = fakePackage('module.exports = 1;');

type Outputs = Record<
  'endpoint' | 'location' | 'resourceGroupName' | 'functionAppName' | 'cosmosEndpoint' | 'topicEndpoint',
  unknown
>;
let outputs: Outputs;
let resources: Captured[];
let stackModule: typeof import('../../azure');
// Resource options as each resource saw them: a transformation on the component reaches every child.
const options = new Map<
  string,
  {
    parent?: pulumi.Resource;
    protect?: boolean;
    dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[] | pulumi.Resource>;
    aliases?: pulumi.ResourceOptions['aliases'];
  }
>();
const names = new Map<pulumi.Resource, string>();
const dependsOnNames = (name: string) => {
  const dependsOn = options.get(name)?.dependsOn;
  return (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).map((d) => names.get(d as pulumi.Resource)).sort();
};
let component: pulumi.Resource;

const roleId = (guid: string) =>
  `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const byName = (type: string, suffix: string) => one(resources, type, `azure-${suffix}`);
function appSettings(): Record<string, unknown> {
  const properties = byName('azure-native:web:WebAppApplicationSettings', 'settings').inputs.properties;
  return (isRpcSecret(properties) ? unwrapRpcSecret(properties) : properties) as Record<string, unknown>;
}

beforeAll(async () => {
  stackModule = await import('../../azure');
  const stack = new stackModule.AzureNotesApp(
    'azure',
    {
      protectData: true,
      logRetentionDays: 30,
      maximumInstanceCount: 100,
      memoryMb: 2048,
      corsOrigins: ['https://portal.example.com'],
      auth: TEST_AUTH,
      code: appPackage,
      packageStagingDir: stagingDir,
    },
    {
      transformations: [
        ({ resource, name, opts }) => {
          names.set(resource, name);
          options.set(name, {
            parent: opts.parent,
            protect: opts.protect,
            dependsOn: opts.dependsOn,
            aliases: opts.aliases,
          });
          return undefined;
        },
      ],
    },
  );
  component = stack;
  const values = await Promise.all(
    (['endpoint', 'location', 'resourceGroupName', 'functionAppName', 'cosmosEndpoint', 'topicEndpoint'] as const).map(
      async (k) => [k, await outputValue(stack[k])],
    ),
  );
  outputs = Object.fromEntries(values) as Outputs;
  await waitFor(
    captured,
    (all) =>
      ofType(all, 'azure-native:eventgrid:TopicEventSubscription').length === 1 &&
      ofType(all, 'azure-native:web:WebAppScmAllowed').length === 1,
  );
  resources = [...captured];
});

afterAll(() => fs.rmSync(stagingDir, { recursive: true, force: true }));

describe('outputs', () => {
  it('exports the URL without a trailing slash and the endpoints', () => {
    expect(outputs.endpoint).toBe('https://azure-app-1234.azurewebsites.net');
    expect(outputs.location).toBe(mockLocation);
    expect(outputs.resourceGroupName).toBe('azure-rg1234');
    expect(outputs.functionAppName).toBe('azure-app-1234');
    expect(outputs.cosmosEndpoint).toBe('https://azure-cosmos-1234.documents.azure.com:443/');
    expect(outputs.topicEndpoint).toMatch(/^https:\/\/azure-events-1234\..*eventgrid\.azure\.net\/api\/events$/);
  });

  it('registers every resource as a child of the component', () => {
    expect(one(resources, 'serverless-aws-azure:azure:NotesApp').name).toBe('azure');
    const children = resources.filter((r) => r.type !== 'serverless-aws-azure:azure:NotesApp');
    expect(children.length).toBeGreaterThan(20);
    for (const child of children)
      expect([child.name, options.get(child.name)?.parent]).toEqual([child.name, component]);
  });

  it('is aliased to its previous type, so a stack deployed as AzureStack keeps every URN', () => {
    // Every child's URN embeds the parent's type: without the alias, renaming it replaces everything.
    expect(options.get('azure')?.aliases).toEqual([{ type: 'serverless-aws-azure:azure:Stack' }]);
  });
});

describe('no keys anywhere', () => {
  it('turns local (key) auth off on Cosmos DB, Event Grid and Application Insights, shared keys off on storage', () => {
    const cosmos = byName('azure-native:cosmosdb:DatabaseAccount', 'cosmos').inputs;
    expect(cosmos.disableLocalAuth).toBe(true);
    expect(cosmos.disableKeyBasedMetadataWriteAccess).toBe(true);
    expect(byName('azure-native:eventgrid:Topic', 'events').inputs.disableLocalAuth).toBe(true);
    expect(byName('azure-native:applicationinsights:Component', 'insights').inputs.disableLocalAuth).toBe(true);
    expect(one(resources, 'azure-native:storage:StorageAccount').inputs.allowSharedKeyAccess).toBe(false);
  });

  it('connects the app by identity only: no account key or key-bearing connection string in app settings', () => {
    const settings = appSettings();
    expect(settings.AzureWebJobsStorage__accountName).toBe('azurestabcd1234');
    expect(settings.AzureWebJobsStorage__credential).toBe('managedidentity');
    expect(settings).not.toHaveProperty('AzureWebJobsStorage');
    const { APPLICATIONINSIGHTS_CONNECTION_STRING: _secret, ...others } = settings;
    for (const [key, value] of Object.entries(others)) {
      expect(`${key}=${String(value)}`).not.toMatch(/AccountKey=|SharedAccessKey|InstrumentationKey=|;Key=|Password/i);
    }
  });

  it('passes the Application Insights connection string as a secret input', () => {
    // Pulumi marks the whole settings map secret once one value in it is.
    const properties = byName('azure-native:web:WebAppApplicationSettings', 'settings').inputs.properties;
    expect(isRpcSecret(properties)).toBe(true);
    const settings = appSettings();
    expect(settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(connectionString);
    expect(settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe('Authorization=AAD');
  });

  it('sets the handler configuration of docs/ARCHITECTURE.md', () => {
    expect(appSettings()).toMatchObject({
      [AZURE_SETTINGS.cosmosConnectionEndpoint]: outputs.cosmosEndpoint,
      [AZURE_SETTINGS.cosmosEndpoint]: outputs.cosmosEndpoint,
      [AZURE_SETTINGS.database]: COSMOS_DATABASE,
      [AZURE_SETTINGS.notesContainer]: COSMOS_CONTAINERS.notes.id,
      [AZURE_SETTINGS.activityContainer]: COSMOS_CONTAINERS.activity.id,
      [AZURE_SETTINGS.leasesContainer]: COSMOS_CONTAINERS.leases.id,
      [AZURE_SETTINGS.topicEndpoint]: outputs.topicEndpoint,
      // The issuer and audience the api checks tokens against, as on AWS.
      ...authEnvironment(TEST_AUTH),
    });
  });

  it('exports no secret among the component outputs', () => {
    for (const value of Object.values(outputs)) expect(String(value)).not.toContain('InstrumentationKey');
  });
});

describe('role assignments', () => {
  const assignments = () =>
    ofType(resources, 'azure-native:authorization:RoleAssignment').map((r) => ({
      name: r.name,
      principalId: r.inputs.principalId,
      principalType: r.inputs.principalType,
      roleDefinitionId: r.inputs.roleDefinitionId,
      scope: r.inputs.scope,
    }));

  it('grants exactly the app and Event Grid roles, with full role definition ids and narrow scopes', () => {
    const storage = one(resources, 'azure-native:storage:StorageAccount');
    const storageId = `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.storage/StorageAccount/${storage.name}`;
    const armId = (type: string, name: string) =>
      `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.${type}/${name}`;
    expect(assignments().sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        name: 'azure-app-eventgrid',
        principalId: appPrincipalId,
        principalType: 'ServicePrincipal',
        roleDefinitionId: roleId('d5a91429-5739-47e2-a06b-3470a27159e7'), // EventGrid Data Sender
        scope: armId('eventgrid/Topic', 'azure-events'),
      },
      {
        name: 'azure-app-storage',
        principalId: appPrincipalId,
        principalType: 'ServicePrincipal',
        roleDefinitionId: roleId('b7e6dc6d-f1e8-4753-8033-0f276bb0955b'), // Storage Blob Data Owner
        scope: storageId,
      },
      {
        name: 'azure-app-telemetry',
        principalId: appPrincipalId,
        principalType: 'ServicePrincipal',
        roleDefinitionId: roleId('3913510d-42f4-4e42-8a64-420c390055eb'), // Monitoring Metrics Publisher
        scope: armId('applicationinsights/Component', 'azure-insights'),
      },
      {
        name: 'azure-eventgrid-deadletter',
        principalId: topicPrincipalId,
        principalType: 'ServicePrincipal',
        roleDefinitionId: roleId('ba92f5b4-2d11-453d-a403-e96b0029c9fe'), // Storage Blob Data Contributor
        scope: armId('storage/BlobContainer', 'azure-deadletter'),
      },
    ]);
  });

  it('gives the app Cosmos DB Built-in Data Contributor on the account', () => {
    const cosmosId = `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.cosmosdb/DatabaseAccount/azure-cosmos`;
    const sql = one(resources, 'azure-native:cosmosdb:SqlResourceSqlRoleAssignment').inputs;
    expect(sql.roleDefinitionId).toBe(`${cosmosId}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`);
    expect(sql.scope).toBe(cosmosId);
    expect(sql.principalId).toBe(appPrincipalId);
    expect(sql.roleAssignmentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A new app identity (a replaced Function App) gets a new assignment id, not a colliding one.
    expect(sql.roleAssignmentId).toBe(stableUuid(`azure:app-cosmos-data-contributor:${appPrincipalId}`));
    expect(stableUuid(`azure:app-cosmos-data-contributor:another-principal`)).not.toBe(sql.roleAssignmentId);
  });
});

describe('TLS and HTTPS', () => {
  it('enforces HTTPS and TLS 1.2 on storage, the app, the topic and Cosmos DB', () => {
    const storage = one(resources, 'azure-native:storage:StorageAccount').inputs;
    expect(storage).toMatchObject({
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
    });
    const app = byName('azure-native:web:WebApp', 'app').inputs;
    expect(app.httpsOnly).toBe(true);
    expect(app.siteConfig).toMatchObject({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2' });
    expect(byName('azure-native:eventgrid:Topic', 'events').inputs.minimumTlsVersionAllowed).toBe('1.2');
    expect(byName('azure-native:cosmosdb:DatabaseAccount', 'cosmos').inputs.minimalTlsVersion).toBe('Tls12');
  });

  it('keeps blob containers private and basic-auth publishing (FTP, SCM) off', () => {
    for (const c of ofType(resources, 'azure-native:storage:BlobContainer')) expect(c.inputs.publicAccess).toBe('None');
    expect(byName('azure-native:web:WebAppFtpAllowed', 'ftp').inputs.allow).toBe(false);
    expect(byName('azure-native:web:WebAppScmAllowed', 'scm').inputs.allow).toBe(false);
  });

  it('turns basic auth off after the code is in, and nothing waits for it (a refusal blocks nothing)', () => {
    const ftp = byName('azure-native:web:WebAppFtpAllowed', 'ftp');
    const scm = byName('azure-native:web:WebAppScmAllowed', 'scm');
    expect(dependsOnNames(ftp.name)).toEqual(['azure-code']);
    expect(dependsOnNames(scm.name)).toEqual(['azure-ftp-basic-auth']);
    const waitingForIt = resources.filter(
      (r) => r !== scm && dependsOnNames(r.name).some((d) => d?.endsWith('-basic-auth')),
    );
    expect(waitingForIt.map((r) => r.name)).toEqual([]);
  });

  it('sends siteConfig as written: no SDK-injected netFrameworkVersion, which Flex rejects', () => {
    const siteConfig = byName('azure-native:web:WebApp', 'app').inputs.siteConfig as Record<string, unknown>;
    expect(siteConfig).not.toHaveProperty('netFrameworkVersion');
    expect(siteConfig).not.toHaveProperty('ftpsState');
    expect(Object.keys(siteConfig).sort()).toEqual(['cors', 'minTlsVersion', 'scmMinTlsVersion']);
    expect(siteConfig.cors).toEqual({ allowedOrigins: ['https://portal.example.com'] });
  });
});

describe('Flex Consumption', () => {
  it('runs on an FC1 Linux plan', () => {
    expect(byName('azure-native:web:AppServicePlan', 'plan').inputs).toMatchObject({
      sku: { name: 'FC1', tier: 'FlexConsumption' },
      reserved: true,
      kind: 'functionapp',
    });
  });

  it('configures identity, Node 22, identity-based deployment storage and scaling from the arguments', () => {
    const app = byName('azure-native:web:WebApp', 'app').inputs;
    expect(app.kind).toBe('functionapp,linux');
    expect(app.identity).toEqual({ type: 'SystemAssigned' });
    expect(app.functionAppConfig).toEqual({
      deployment: {
        storage: {
          type: 'blobContainer',
          value: 'https://azurestabcd1234.blob.core.windows.net/app-package',
          authentication: { type: 'SystemAssignedIdentity' },
        },
      },
      runtime: { name: 'node', version: '22' },
      scaleAndConcurrency: { maximumInstanceCount: 100, instanceMemoryMB: 2048 },
    });
  });
});

describe('Cosmos DB', () => {
  it('is serverless with Session consistency and continuous backup', () => {
    expect(byName('azure-native:cosmosdb:DatabaseAccount', 'cosmos').inputs).toMatchObject({
      kind: 'GlobalDocumentDB',
      capabilities: [{ name: 'EnableServerless' }],
      consistencyPolicy: { defaultConsistencyLevel: 'Session' },
      backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } },
      locations: [{ locationName: mockLocation, failoverPriority: 0, isZoneRedundant: false }],
    });
  });

  it('has the containers of docs/ARCHITECTURE.md, without throughput options', () => {
    const containers = Object.fromEntries(
      ofType(resources, 'azure-native:cosmosdb:SqlResourceSqlContainer').map((c) => [c.inputs.containerName, c.inputs]),
    );
    expect(Object.keys(containers).sort()).toEqual(
      Object.values(COSMOS_CONTAINERS)
        .map((c) => c.id)
        .sort(),
    );
    // The contract's containers, keys and TTL, exactly (a missing TTL is a difference).
    for (const { id, partitionKeyPath, ...ttl } of Object.values(COSMOS_CONTAINERS)) {
      expect(containers[id].resource).toEqual({
        id,
        partitionKey: { paths: [partitionKeyPath], kind: 'Hash', version: 2 },
        ...ttl,
      });
    }
    expect(COSMOS_CONTAINERS.notes.defaultTtl).toBe(-1);
    for (const c of Object.values(containers)) expect(c).not.toHaveProperty('options');
    expect(byName('azure-native:cosmosdb:SqlResourceSqlDatabase', 'db').inputs).not.toHaveProperty('options');
  });
});

describe('Event Grid', () => {
  it('takes CloudEvents 1.0 and has an identity for dead-lettering', () => {
    expect(byName('azure-native:eventgrid:Topic', 'events').inputs).toMatchObject({
      inputSchema: 'CloudEventSchemaV1_0',
      identity: { type: 'SystemAssigned' },
    });
  });

  it('delivers to the subscriber function with retries and identity-based dead-lettering', () => {
    const appId = `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.web/WebApp/azure-app`;
    const storage = one(resources, 'azure-native:storage:StorageAccount');
    const subscription = one(resources, 'azure-native:eventgrid:TopicEventSubscription').inputs;
    expect(subscription).toMatchObject({
      topicName: 'azure-events-1234',
      eventDeliverySchema: 'CloudEventSchemaV1_0',
      destination: { endpointType: 'AzureFunction', resourceId: `${appId}/functions/subscriber`, maxEventsPerBatch: 1 },
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 },
      filter: { includedEventTypes: [...NOTE_EVENT_TYPES] },
      deadLetterWithResourceIdentity: {
        identity: { type: 'SystemAssigned' },
        deadLetterDestination: {
          endpointType: 'StorageBlob',
          resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.storage/StorageAccount/${storage.name}`,
          blobContainerName: 'deadletter',
        },
      },
    });
  });

  it('waits for the code deployment and the dead-letter role (the first-deploy race)', () => {
    expect(dependsOnNames('azure-subscriber')).toEqual([
      'azure-code',
      'azure-deadletter',
      'azure-eventgrid-deadletter',
    ]);
    expect(dependsOnNames('azure-code')).toEqual([
      'azure-activity',
      'azure-app-cosmos',
      'azure-app-eventgrid',
      'azure-app-storage',
      'azure-app-telemetry',
      'azure-deployments',
      'azure-leases',
      'azure-notes',
      'azure-settings',
    ]);
    // The settings wait for nothing but the app (basic auth is turned off last, see TLS and HTTPS).
    expect(dependsOnNames('azure-settings')).toEqual([undefined]);
  });

  it('is registered only after the code deployment', () => {
    const order = resources.map((r) => r.type);
    expect(order.indexOf('pulumi-nodejs:dynamic/azure:FlexPackageDeployment')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('azure-native:eventgrid:TopicEventSubscription')).toBeGreaterThan(
      order.indexOf('pulumi-nodejs:dynamic/azure:FlexPackageDeployment'),
    );
  });
});

describe('monitoring', () => {
  it('keeps logs for the configured days in a workspace that backs Application Insights', () => {
    expect(byName('azure-native:operationalinsights:Workspace', 'logs').inputs).toMatchObject({
      retentionInDays: 30,
      sku: { name: 'PerGB2018' },
    });
    expect(byName('azure-native:applicationinsights:Component', 'insights').inputs).toMatchObject({
      workspaceResourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.operationalinsights/Workspace/azure-logs`,
      ingestionMode: 'LogAnalytics',
    });
  });
});

describe('code deployment', () => {
  it('stages the package under its content hash and publishes it to the app SCM host', () => {
    const deployment = one(resources, 'pulumi-nodejs:dynamic/azure:FlexPackageDeployment').inputs;
    expect(deployment.packageHash).toBe(appPackage.hash);
    expect(path.basename(deployment.zipPath as string)).toBe(`${appPackage.hash}.zip`);
    expect(fs.readFileSync(deployment.zipPath as string).equals(appPackage.zip)).toBe(true);
    expect(deployment.scmHost).toBe('azure-app-1234.scm.azurewebsites.net');
    expect(deployment.requiredFunctions).toEqual(['api', 'publisher', 'subscriber']);
  });

  it('serializes its provider (the closure Pulumi runs at deploy time) without the module under test', () => {
    const provider = one(resources, 'pulumi-nodejs:dynamic/azure:FlexPackageDeployment').inputs.__provider;
    expect(typeof provider).toBe('string');
    expect(provider as string).toContain('/api/publish?RemoteBuild=false');
    expect(provider as string).toContain("require('@azure/identity')");
  });
});

describe('data protection', () => {
  it('protects the Cosmos DB account, database and containers, and nothing else, when protectData is set', () => {
    const isProtected = (r: Captured) => options.get(r.name)?.protect === true;
    const protectedTypes = resources
      .filter(isProtected)
      .map((r) => r.type)
      .sort();
    expect(protectedTypes).toEqual([
      'azure-native:cosmosdb:DatabaseAccount',
      'azure-native:cosmosdb:SqlResourceSqlContainer',
      'azure-native:cosmosdb:SqlResourceSqlContainer',
      'azure-native:cosmosdb:SqlResourceSqlContainer',
      'azure-native:cosmosdb:SqlResourceSqlDatabase',
    ]);
  });
});

describe('bad input', () => {
  const valid = {
    protectData: false,
    logRetentionDays: 30,
    maximumInstanceCount: 100,
    memoryMb: 2048 as const,
    corsOrigins: [] as string[],
    auth: TEST_AUTH,
    code: appPackage,
    packageStagingDir: stagingDir,
  };
  it.each([
    [
      'maximumInstanceCount 0',
      { maximumInstanceCount: 0 },
      /maximumInstanceCount must be an integer from 1 to 1000 \(got 0\)/,
    ],
    [
      'maximumInstanceCount 2.5',
      { maximumInstanceCount: 2.5 },
      /maximumInstanceCount must be an integer from 1 to 1000/,
    ],
    ['maximumInstanceCount 1001', { maximumInstanceCount: 1001 }, /maximumInstanceCount/],
    ['memoryMb 1024', { memoryMb: 1024 }, /memoryMb must be one of 2048, 4096 \(got 1024\)/],
    ['logRetentionDays 0', { logRetentionDays: 0 }, /logRetentionDays must be one of 1, 3, 5/],
    ['logRetentionDays 731', { logRetentionDays: 731 }, /logRetentionDays must be one of [\d, ]*545 \(got 731\)/],
    [
      'a CORS origin with a trailing slash',
      { corsOrigins: ['https://example.com/'] },
      /write it as https:\/\/example\.com/,
    ],
    ['a CORS origin that is no URL', { corsOrigins: ['not a url'] }, /"not a url": not an origin/],
    [
      'a package hash that is no sha256',
      { code: { zip: appPackage.zip, hash: 'abc' } },
      /hash must be 64 lower-case hex/,
    ],
    [
      'a package that is no zip',
      { code: { zip: Buffer.from('not a zip'), hash: appPackage.hash } },
      /not a zip archive/,
    ],
    [
      'no sign-in choice',
      { auth: undefined },
      /auth must be \{ mode: 'oidc', issuer, audience \} or \{ mode: 'none' \}/,
    ],
    [
      'an issuer over plain http',
      { auth: { mode: 'oidc', issuer: 'http://login.example.com/', audience: 'a' } },
      /auth\.issuer: /,
    ],
  ])('rejects %s with a clear error and registers nothing', async (_label, override, message) => {
    const before = captured.length;
    expect(() => new stackModule.AzureNotesApp('bad', { ...valid, ...override } as typeof valid)).toThrow(message);
    await new Promise((resolve) => setImmediate(resolve));
    expect(captured.length).toBe(before);
  });
});
