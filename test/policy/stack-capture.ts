// Runs a component under Pulumi mocks and hands back every resource it registered, as the policy
// engine would see it: type, name, a URN, and the inputs with secrets unwrapped (as @pulumi/policy does).
// The mocks answer each type with the outputs our components read (names, ARNs, ids, endpoints, identities).
import * as pulumi from '@pulumi/pulumi';
import type { RegisterResourceRequest, RegisterResourceResponse } from '@pulumi/pulumi/proto/resource_pb';
import { isRpcSecret, unwrapRpcSecret } from '@pulumi/pulumi/runtime/rpc';
import type { StackResource } from '../../policy/rules';

export const region = 'eu-central-1';
export const location = 'swedencentral';
const account = '123456789012';
const subscriptionId = '00000000-1111-2222-3333-444444444444';

function awsOutputs(type: string, physical: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  switch (type) {
    case 'aws:dynamodb/table:Table':
      return { arn: arn('dynamodb', `table/${physical}`), streamArn: arn('dynamodb', `table/${physical}/stream/2026-01-01T00:00:00.000`) };
    case 'aws:sqs/queue:Queue':
      return { arn: arn('sqs', physical), url: `https://sqs.${region}.amazonaws.com/${account}/${physical}` };
    case 'aws:cloudwatch/eventRule:EventRule':
      return { arn: arn('events', `rule/${String(inputs.eventBusName)}/${physical}`) };
    case 'aws:cloudwatch/eventBus:EventBus':
      return { arn: arn('events', `event-bus/${physical}`) };
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { arn: arn('logs', `log-group:${physical}`) };
    case 'aws:sns/topic:Topic':
      return { arn: arn('sns', physical) };
    case 'aws:iam/role:Role':
      return { arn: `arn:aws:iam::${account}:role/${physical}` };
    case 'aws:lambda/function:Function':
      return { arn: arn('lambda', `function:${physical}`) };
    case 'aws:apigatewayv2/api:Api':
      return { apiEndpoint: `https://a1b2c3d4e5.execute-api.${region}.amazonaws.com`, executionArn: arn('execute-api', 'a1b2c3d4e5') };
    default:
      return {};
  }
}

function azureOutputs(type: string, physical: string): Record<string, unknown> {
  const identity = (principalId: string) => ({ type: 'SystemAssigned', principalId });
  switch (type) {
    case 'azure-native:resources:ResourceGroup':
      return { location };
    case 'azure-native:storage:StorageAccount':
      return { primaryEndpoints: { blob: `https://${physical}.blob.core.windows.net/` } };
    case 'azure-native:web:WebApp':
      return {
        identity: identity('app-principal'),
        defaultHostName: `${physical}.azurewebsites.net`,
        hostNameSslStates: [{ name: `${physical}.scm.azurewebsites.net`, hostType: 'Repository' }],
      };
    case 'azure-native:eventgrid:Topic':
      return { identity: identity('topic-principal'), endpoint: `https://${physical}.${location}-1.eventgrid.azure.net/api/events` };
    case 'azure-native:cosmosdb:DatabaseAccount':
      return { documentEndpoint: `https://${physical}.documents.azure.com:443/` };
    case 'azure-native:applicationinsights:Component':
      return { connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/' };
    default:
      return {};
  }
}

/** What the engine hands a policy: plain JSON, secrets unwrapped. */
function unwrapSecrets(value: unknown): unknown {
  if (isRpcSecret(value)) return unwrapSecrets(unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === 'object' && value !== null) {
    // Assets and archives (Lambda code) are class instances no rule reads: keep only what they are.
    if (Object.getPrototypeOf(value) !== Object.prototype) return { [value.constructor.name]: true };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

type RegisterCallback = (error: Error | null, response?: RegisterResourceResponse) => void;
interface MonitorWithRegister {
  registerResource(request: RegisterResourceRequest, callback: RegisterCallback): Promise<void>;
}

/**
 * Stack policies get each resource's URN and which resources each property came from
 * (propertyDependencies). The mocks' newResource sees neither, so the monitor's registerResource is
 * wrapped to read them from the SDK's request and the URN the mock monitor answered with.
 */
function recordUrnsAndDependencies(captured: StackResource[]): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorWithRegister;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    register(request, (error, response) => {
      const entry = captured.find((r) => r.type === request.getType() && r.name === request.getName());
      if (entry && response) {
        entry.urn = response.getUrn();
        entry.propertyDependencies = {};
        request.getPropertydependenciesMap().forEach((deps, property) => {
          entry.propertyDependencies![property] = deps.getUrnsList();
        });
      }
      callback(error, response);
    });
}

/** Installs capturing mocks for both clouds; construct the component only after this. */
export function installCapturingMocks(): StackResource[] {
  const captured: StackResource[] = [];
  pulumi.runtime.setAllConfig({ 'aws:region': region, 'azure-native:location': location }, []);
  void pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        captured.push({
          type: args.type,
          name: args.name,
          urn: '', // set from the monitor's answer (recordUrnsAndDependencies)
          props: unwrapSecrets(inputs) as Record<string, unknown>,
        });
        // Explicit names are kept; others are autonamed, as the providers do.
        const physical = typeof inputs.name === 'string' ? inputs.name : `${args.name}-abc123`;
        const outputs = args.type.startsWith('aws:') ? awsOutputs(args.type, physical, inputs) : azureOutputs(args.type, physical);
        const id = args.type.startsWith('azure-native:')
          ? `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/${args.type}/${physical}`
          : `${physical}-id`;
        return { id, state: { ...inputs, name: physical, ...outputs } };
      },
      call(args) {
        if (args.token === 'aws:index/getRegion:getRegion') return { region, name: region, id: region };
        if (args.token === 'azure-native:authorization:getClientConfig') {
          return { subscriptionId, tenantId: 'tenant', clientId: 'client', objectId: 'deployer' };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'serverless-aws-azure',
    'test',
  );
  recordUrnsAndDependencies(captured);
  return captured;
}

export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** A deep copy to break on purpose, leaving the captured stack as it was. */
export function copyOf(resources: readonly StackResource[]): StackResource[] {
  return structuredClone([...resources]);
}

/** One resource by type and logical name (registration order is not stable: inputs resolve asynchronously). */
export function find(resources: readonly StackResource[], type: string, name: string): StackResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; have ${resources.filter((r) => r.type === type).map((r) => r.name).join(', ')}`);
  return found;
}
