// The Azure component under the program's mocks (program/mocks.ts), in a location of its own, and
// the waits and look-ups the Azure tests share.
import {
  installMocks,
  MOCK_APPINSIGHTS_CONNECTION_STRING,
  MOCK_SUBSCRIPTION_ID,
  principalIdOf,
  type RecordedResource,
} from '../../program/mocks';

export { outputValue } from '../../program/mocks';
export type Captured = RecordedResource;

export const subscriptionId = MOCK_SUBSCRIPTION_ID;
export const mockLocation = 'swedencentral';
export const connectionString = MOCK_APPINSIGHTS_CONNECTION_STRING;
/** The identities of the stack named `azure`: its Function App's and its Event Grid topic's. */
export const appPrincipalId = principalIdOf('azure-app');
export const topicPrincipalId = principalIdOf('azure-events');

/** Installs the mocks; import the component only after calling this. */
export function installAzureMocks(): Captured[] {
  return installMocks({ config: { 'azure-native:location': mockLocation } }).resources;
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
