// Pulumi mocks for the Azure component: every registered resource and its inputs are captured, and
// each type answers with the outputs the component reads (ids, endpoints, identities, host names).
import * as pulumi from '@pulumi/pulumi';

export interface Captured {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export const subscriptionId = '00000000-1111-2222-3333-444444444444';
export const mockLocation = 'swedencentral';
export const appPrincipalId = 'app-principal-id';
export const topicPrincipalId = 'topic-principal-id';
export const connectionString = 'InstrumentationKey=11111111-2222-3333-4444-555555555555;IngestionEndpoint=https://example.in.applicationinsights.azure.com/';

const armId = (type: string, name: string) => {
  const [, provider, resource] = type.split(':');
  return `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.${provider}/${resource}/${name}`;
};

function outputsFor(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'azure-native:resources:ResourceGroup':
      return { name: `${name}1234`, location: inputs.location ?? mockLocation };
    case 'azure-native:storage:StorageAccount':
      return { name: `${name}abcd1234`, primaryEndpoints: { blob: `https://${name}abcd1234.blob.core.windows.net/` } };
    case 'azure-native:web:WebApp':
      return {
        name: `${name}-1234`,
        defaultHostName: `${name}-1234.azurewebsites.net`,
        identity: { type: 'SystemAssigned', principalId: appPrincipalId },
        hostNameSslStates: [
          { name: `${name}-1234.azurewebsites.net`, hostType: 'Standard' },
          { name: `${name}-1234.scm.azurewebsites.net`, hostType: 'Repository' },
        ],
      };
    case 'azure-native:eventgrid:Topic':
      return {
        name: `${name}-1234`,
        endpoint: `https://${name}-1234.${mockLocation}-1.eventgrid.azure.net/api/events`,
        identity: { type: 'SystemAssigned', principalId: topicPrincipalId },
      };
    case 'azure-native:cosmosdb:DatabaseAccount':
      return { name: `${name}-1234`, documentEndpoint: `https://${name}-1234.documents.azure.com:443/` };
    case 'azure-native:applicationinsights:Component':
      return { name: `${name}-1234`, connectionString };
    default:
      return { name: (inputs.containerName ?? inputs.databaseName ?? `${name}-1234`) as string };
  }
}

/** Installs the mocks; import the component only after calling this. */
export function installAzureMocks(): Captured[] {
  const captured: Captured[] = [];
  pulumi.runtime.setAllConfig({ 'azure-native:location': mockLocation });
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const inputs = args.inputs as Record<string, unknown>;
        captured.push({ type: args.type, name: args.name, inputs });
        return { id: armId(args.type, args.name), state: { ...inputs, ...outputsFor(args.type, args.name, inputs) } };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        if (args.token === 'azure-native:authorization:getClientConfig') {
          return { subscriptionId, tenantId: 'tenant-id', clientId: 'client-id', objectId: 'deployer-object-id' };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'serverless-aws-azure',
    'test',
    false,
  );
  return captured;
}

export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Resources register asynchronously as their inputs resolve; wait until the last one arrived. */
export async function waitFor(captured: Captured[], done: (all: Captured[]) => boolean): Promise<void> {
  for (let tick = 0; tick < 5000; tick++) {
    if (done(captured)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`resources never finished registering; got ${captured.map((c) => c.type).join(', ')}`);
}

export function ofType(captured: Captured[], type: string): Captured[] {
  return captured.filter((c) => c.type === type);
}

export function one(captured: Captured[], type: string, namePrefix = ''): Captured {
  const found = captured.filter((c) => c.type === type && c.name.startsWith(namePrefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${namePrefix}*, found ${found.length}`);
  return found[0];
}
