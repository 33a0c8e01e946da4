/**
 * Pulumi mocks that stand in for the engine and both providers: every resource the program
 * registers is recorded, and gets back its inputs plus the few outputs the program reads
 * (URLs, ARNs, ids, principal ids) in the shape the real provider returns them. Everything
 * is derived from names, so the same program always yields the same graph.
 */
import type * as pulumi from '@pulumi/pulumi';

export interface RecordedResource {
  type: string;
  name: string;
  custom: boolean;
  /** The provider reference Pulumi passed, when the resource names an explicit provider. */
  provider?: string;
  inputs: Record<string, unknown>;
}

export const MOCK_ACCOUNT_ID = '123456789012';
export const MOCK_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const MOCK_TENANT_ID = '11111111-1111-1111-1111-111111111111';

type State = Record<string, unknown>;
type Args = pulumi.runtime.MockResourceArgs;

function physicalName(args: Args): string {
  const named = args.inputs.name;
  return typeof named === 'string' && named !== '' ? named : args.name;
}

function awsRegion(config: Readonly<Record<string, string>>): string {
  return config['aws:region'] ?? 'eu-west-1';
}

/** ARN in the provider's format: arn:aws:<service>:<region>:<account>:<resource>. */
function awsState(args: Args, region: string): State {
  const [, module = 'x'] = args.type.split(':');
  const service = module.split('/')[0];
  const name = physicalName(args);
  const arn = `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${name}`;
  const state: State = { ...args.inputs, name, arn };
  switch (args.type) {
    case 'aws:apigatewayv2/api:Api':
      state.apiEndpoint = `https://${name}.execute-api.${region}.amazonaws.com`;
      state.executionArn = `arn:aws:execute-api:${region}:${MOCK_ACCOUNT_ID}:${name}`;
      break;
    case 'aws:apigatewayv2/stage:Stage':
      state.invokeUrl = `https://api.execute-api.${region}.amazonaws.com/${String(args.inputs.name ?? '')}`;
      break;
    case 'aws:lambda/function:Function':
      state.arn = `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:${name}`;
      state.invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${String(state.arn)}/invocations`;
      break;
    case 'aws:dynamodb/table:Table':
      state.arn = `arn:aws:dynamodb:${region}:${MOCK_ACCOUNT_ID}:table/${name}`;
      state.streamArn = `${String(state.arn)}/stream/2026-01-01T00:00:00.000`;
      break;
    case 'aws:sqs/queue:Queue':
      state.url = `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${name}`;
      break;
    case 'aws:cloudwatch/logGroup:LogGroup':
      state.arn = `arn:aws:logs:${region}:${MOCK_ACCOUNT_ID}:log-group:${name}`;
      break;
  }
  return state;
}

function azureState(args: Args, config: Readonly<Record<string, string>>): { id: string; state: State } {
  const name = physicalName(args);
  const group = typeof args.inputs.resourceGroupName === 'string' ? args.inputs.resourceGroupName : 'rg';
  const id = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/${args.type}/${name}`;
  const location = args.inputs.location ?? config['azure-native:location'] ?? 'northeurope';
  const state: State = { ...args.inputs, id, name, location };
  if (args.type === 'azure-native:resources:ResourceGroup') {
    state.name = args.inputs.resourceGroupName ?? name;
  }
  const identity = args.inputs.identity as { type?: string } | undefined;
  if (identity?.type?.includes('SystemAssigned')) {
    state.identity = { ...identity, principalId: `principal-${name}`, tenantId: MOCK_TENANT_ID };
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
      state.endpoint = `https://${name}.${String(location)}-1.eventgrid.azure.net/api/events`;
      break;
    case 'azure-native:storage:StorageAccount':
      state.primaryEndpoints = {
        blob: `https://${name}.blob.core.windows.net/`,
        queue: `https://${name}.queue.core.windows.net/`,
        table: `https://${name}.table.core.windows.net/`,
      };
      break;
    case 'azure-native:applicationinsights:Component':
      state.connectionString = `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://${String(location)}.in.applicationinsights.azure.com/`;
      state.instrumentationKey = '00000000-0000-0000-0000-000000000000';
      break;
  }
  return { id, state };
}

/** Invokes the program may make; anything else answers with its own arguments. */
function callResult(args: pulumi.runtime.MockCallArgs, config: Readonly<Record<string, string>>): Record<string, unknown> {
  const region = awsRegion(config);
  switch (args.token) {
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`, userId: 'MOCK', id: MOCK_ACCOUNT_ID };
    case 'aws:index/getRegion:getRegion':
      return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    case 'aws:index/getPartition:getPartition':
      return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws', reverseDnsPrefix: 'com.amazonaws' };
    case 'aws:iam/getPolicyDocument:getPolicyDocument':
      return { json: JSON.stringify({ Version: '2012-10-17', Statement: args.inputs.statements ?? [] }), id: 'policy' };
    case 'azure-native:authorization:getClientConfig':
      return { clientId: 'mock-client', objectId: 'mock-object', subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID };
    default:
      return args.inputs as Record<string, unknown>;
  }
}

/** Mocks that record what the program registers. `config` is the stack config the program runs with. */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];
  readonly calls: string[] = [];

  constructor(private readonly config: Readonly<Record<string, string>> = {}) {}

  newResource(args: Args): pulumi.runtime.MockResourceResult {
    this.resources.push({
      type: args.type,
      name: args.name,
      custom: args.custom ?? false,
      ...(args.provider ? { provider: args.provider } : {}),
      inputs: args.inputs as Record<string, unknown>,
    });
    if (args.type.startsWith('aws:')) {
      return { id: `${physicalName(args)}-id`, state: awsState(args, awsRegion(this.config)) };
    }
    if (args.type.startsWith('azure-native:')) return azureState(args, this.config);
    return { id: `${args.name}-id`, state: { ...args.inputs } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    this.calls.push(args.token);
    return callResult(args, this.config);
  }
}
