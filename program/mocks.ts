/**
 * The program's Pulumi mocks, for `npm run plan`, the bench and every test that runs a component or
 * the whole program: they stand in for the engine and both providers. Every registered resource is
 * recorded, and gets back its inputs plus the outputs the program reads (names, ARNs, ids, URLs,
 * principal ids) in the shape the real provider returns them. Keyed by resource type token only, and
 * derived from names and the stack config, so the same program always yields the same graph.
 */
import * as pulumi from '@pulumi/pulumi';
import { PROJECT } from './config';

export interface RecordedResource {
  type: string;
  name: string;
  custom: boolean;
  /** The provider reference Pulumi passed, when the resource names an explicit provider. */
  provider?: string;
  inputs: Record<string, unknown>;
}

export const MOCK_ACCOUNT_ID = '123456789012';
export const MOCK_SUBSCRIPTION_ID = '00000000-1111-2222-3333-444444444444';
export const MOCK_TENANT_ID = '11111111-1111-1111-1111-111111111111';
/** Where an AWS or Azure resource lives when the stack config says nothing (Pulumi.dev.yaml's Ireland). */
export const MOCK_DEFAULT_REGION = 'eu-west-1';
export const MOCK_DEFAULT_LOCATION = 'northeurope';
/** An API Gateway API id (10 characters, assigned by the service). */
export const MOCK_API_ID = 'a1b2c3d4e5';
export const MOCK_APPINSIGHTS_CONNECTION_STRING =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/';

type State = Record<string, unknown>;
type Args = pulumi.runtime.MockResourceArgs;
type Config = Readonly<Record<string, string>>;

/** The suffix the AWS provider's autonaming would add (`<logical name>-<7 random hex>`). */
const AWS_AUTONAME_SUFFIX = '-0123abc';
/** azure-native autonames from the logical name; storage account names allow only lowercase letters and digits. */
const AZURE_AUTONAME_SUFFIX: Readonly<Record<string, string>> = {
  'azure-native:resources:ResourceGroup': '1234',
  'azure-native:storage:StorageAccount': 'abcd1234',
};
const AZURE_DEFAULT_AUTONAME_SUFFIX = '-1234';
/** azure-native has no `name` input: each type names itself in one of its own (children also carry their parent's). */
const AZURE_NAME_INPUT: Readonly<Record<string, string>> = {
  'azure-native:resources:ResourceGroup': 'resourceGroupName',
  'azure-native:cosmosdb:SqlResourceSqlDatabase': 'databaseName',
  'azure-native:cosmosdb:SqlResourceSqlContainer': 'containerName',
  'azure-native:storage:BlobContainer': 'containerName',
};

/** The physical name of an AWS resource: its explicit `name` input, else autonamed from the logical name. */
export function awsPhysicalName(logicalName: string, inputs: Record<string, unknown> = {}): string {
  const named = inputs.name;
  return typeof named === 'string' && named !== '' ? named : `${logicalName}${AWS_AUTONAME_SUFFIX}`;
}

/** The physical name of an Azure resource: its type's name input when set, else autonamed. */
export function azurePhysicalName(type: string, logicalName: string, inputs: Record<string, unknown> = {}): string {
  const key = AZURE_NAME_INPUT[type];
  const named = key === undefined ? undefined : inputs[key];
  if (typeof named === 'string' && named !== '') return named;
  return `${logicalName}${AZURE_AUTONAME_SUFFIX[type] ?? AZURE_DEFAULT_AUTONAME_SUFFIX}`;
}

/**
 * The ARM id of an Azure resource. Real ids name the group and the physical name; these name a fixed
 * group `rg` and the logical name, so a test can write the id of any resource from what it declared.
 */
export function azureMockId(type: string, logicalName: string): string {
  const [, provider, resource] = type.split(':');
  return `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.${provider}/${resource}/${logicalName}`;
}

/** The principal id of a system-assigned identity, from the logical name of the resource that has it. */
export const principalIdOf = (logicalName: string) => `${logicalName}-principal-id`;

const awsRegion = (config: Config) => config['aws:region'] ?? MOCK_DEFAULT_REGION;
const azureLocation = (config: Config) => config['azure-native:location'] ?? MOCK_DEFAULT_LOCATION;

/** ARNs in the provider's format: arn:aws:<service>:<region>:<account>:<resource>. */
function awsState(args: Args, region: string): State {
  const name = awsPhysicalName(args.name, args.inputs);
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${resource}`;
  const [, module = 'x'] = args.type.split(':');
  const state: State = { name, arn: arn(module.split('/')[0], name) };
  switch (args.type) {
    case 'aws:apigatewayv2/api:Api':
      state.apiEndpoint = `https://${MOCK_API_ID}.execute-api.${region}.amazonaws.com`;
      state.executionArn = arn('execute-api', MOCK_API_ID);
      break;
    case 'aws:apigatewayv2/stage:Stage':
      state.invokeUrl = `https://${MOCK_API_ID}.execute-api.${region}.amazonaws.com/${String(args.inputs.name ?? '')}`;
      break;
    case 'aws:lambda/function:Function':
      state.arn = arn('lambda', `function:${name}`);
      state.invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${String(state.arn)}/invocations`;
      break;
    case 'aws:dynamodb/table:Table':
      state.arn = arn('dynamodb', `table/${name}`);
      state.streamArn = `${String(state.arn)}/stream/2026-01-01T00:00:00.000`;
      break;
    case 'aws:sqs/queue:Queue':
      state.url = `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${name}`;
      break;
    case 'aws:cloudwatch/logGroup:LogGroup':
      state.arn = arn('logs', `log-group:${name}`);
      break;
    case 'aws:cloudwatch/eventBus:EventBus':
      state.arn = arn('events', `event-bus/${name}`);
      break;
    case 'aws:cloudwatch/eventRule:EventRule':
      state.arn = arn('events', `rule/${String(args.inputs.eventBusName)}/${name}`);
      break;
    case 'aws:iam/role:Role':
      // IAM is global: no region in its ARNs.
      state.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}`;
      break;
  }
  return state;
}

function azureState(args: Args, location: string): State {
  const name = azurePhysicalName(args.type, args.name, args.inputs);
  const state: State = { name, location: args.inputs.location ?? location };
  const identity = args.inputs.identity as { type?: string } | undefined;
  if (identity?.type?.includes('SystemAssigned')) {
    state.identity = { ...identity, principalId: principalIdOf(args.name), tenantId: MOCK_TENANT_ID };
  }
  switch (args.type) {
    case 'azure-native:web:WebApp':
      state.defaultHostName = `${name}.azurewebsites.net`;
      state.hostNameSslStates = [
        { name: `${name}.azurewebsites.net`, hostType: 'Standard' },
        { name: `${name}.scm.azurewebsites.net`, hostType: 'Repository' },
      ];
      break;
    case 'azure-native:cosmosdb:DatabaseAccount':
      state.documentEndpoint = `https://${name}.documents.azure.com:443/`;
      break;
    case 'azure-native:eventgrid:Topic':
      state.endpoint = `https://${name}.${String(state.location)}-1.eventgrid.azure.net/api/events`;
      break;
    case 'azure-native:storage:StorageAccount':
      state.primaryEndpoints = {
        blob: `https://${name}.blob.core.windows.net/`,
        queue: `https://${name}.queue.core.windows.net/`,
        table: `https://${name}.table.core.windows.net/`,
      };
      break;
    case 'azure-native:applicationinsights:Component':
      state.connectionString = MOCK_APPINSIGHTS_CONNECTION_STRING;
      break;
  }
  return state;
}

/** The invokes the program makes; any other is an error naming it, so a new one is added here on purpose. */
function callResult(args: pulumi.runtime.MockCallArgs, config: Config): Record<string, unknown> {
  const region = awsRegion(config);
  switch (args.token) {
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return {
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`,
        userId: 'MOCK',
        id: MOCK_ACCOUNT_ID,
      };
    case 'aws:index/getRegion:getRegion':
      return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    case 'aws:index/getPartition:getPartition':
      return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws', reverseDnsPrefix: 'com.amazonaws' };
    case 'aws:iam/getPolicyDocument:getPolicyDocument':
      return { json: JSON.stringify({ Version: '2012-10-17', Statement: args.inputs.statements ?? [] }), id: 'policy' };
    case 'azure-native:authorization:getClientConfig':
      return {
        clientId: 'mock-client',
        objectId: 'mock-object',
        subscriptionId: MOCK_SUBSCRIPTION_ID,
        tenantId: MOCK_TENANT_ID,
      };
    default:
      throw new Error(`the mocks do not answer the invoke ${args.token}: add it to program/mocks.ts`);
  }
}

/** Mocks that record what the program registers. `config` is the stack config the program runs with. */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];
  readonly calls: string[] = [];

  constructor(private readonly config: Config = {}) {}

  newResource(args: Args): pulumi.runtime.MockResourceResult {
    const inputs = args.inputs as Record<string, unknown>;
    this.resources.push({
      type: args.type,
      name: args.name,
      custom: args.custom ?? false,
      ...(args.provider ? { provider: args.provider } : {}),
      inputs,
    });
    if (args.type.startsWith('aws:')) {
      const state = awsState(args, awsRegion(this.config));
      return { id: `${String(state.name)}-id`, state: { ...inputs, ...state } };
    }
    if (args.type.startsWith('azure-native:')) {
      return {
        id: azureMockId(args.type, args.name),
        state: { ...inputs, ...azureState(args, azureLocation(this.config)) },
      };
    }
    return { id: `${args.name}-id`, state: { ...inputs } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    this.calls.push(args.token);
    return callResult(args, this.config);
  }
}

export interface InstallOptions {
  /** Full keys (`aws:region`, `<project>:clouds`), values as Pulumi passes them (strings). */
  config?: Record<string, string>;
  project?: string;
  stack?: string;
  /** As `pulumi preview` (nothing is written); false as `pulumi up`. */
  preview?: boolean;
}

/**
 * Installs the mocks and the config; load the program or construct a component only after this
 * (both read the runtime when they load: pulumi/pulumi#16042). Returns the mocks, whose `resources`
 * fill up as resources register. Synchronous: setMocks does all its work before its promise.
 */
export function installMocks(options: InstallOptions = {}): RecordingMocks {
  const config = options.config ?? {};
  const mocks = new RecordingMocks(config);
  void pulumi.runtime.setMocks(mocks, options.project ?? PROJECT, options.stack ?? 'test', options.preview ?? false);
  pulumi.runtime.setAllConfig({ ...config }, []);
  return mocks;
}

/** An output's value (under mocks every output resolves). */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}
