// Runs a component under the program's mocks (program/mocks.ts) and hands back every resource it
// registered, as the policy engine would see it: type, name, a URN, and the inputs with secrets
// unwrapped (as @pulumi/policy does).
import * as pulumi from '@pulumi/pulumi';
import type { RegisterResourceRequest, RegisterResourceResponse } from '@pulumi/pulumi/proto/resource_pb';
import { isRpcSecret, unwrapRpcSecret } from '@pulumi/pulumi/runtime/rpc';
import type { StackResource } from '../../policy/rules';
import { installMocks } from '../../program/mocks';

export { outputValue } from '../../program/mocks';

export const region = 'eu-central-1';
export const location = 'swedencentral';

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
 * (propertyDependencies). The mocks see neither, so the monitor's registerResource is wrapped to read
 * them from the SDK's request and the URN the mock monitor answered with; the inputs are the ones the
 * mocks recorded for that registration.
 */
function captureRegistrations(
  captured: StackResource[],
  inputsOf: (type: string, name: string) => Record<string, unknown>,
): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorWithRegister;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    register(request, (error, response) => {
      if (response) {
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((deps, property) => {
          propertyDependencies[property] = deps.getUrnsList();
        });
        const [type, name] = [request.getType(), request.getName()];
        captured.push({
          type,
          name,
          urn: response.getUrn(),
          propertyDependencies,
          props: unwrapSecrets(inputsOf(type, name)) as Record<string, unknown>,
        });
      }
      callback(error, response);
    });
}

/** Installs the mocks for both clouds; construct the component only after this. */
export function installCapturingMocks(): StackResource[] {
  const captured: StackResource[] = [];
  const mocks = installMocks({ config: { 'aws:region': region, 'azure-native:location': location } });
  captureRegistrations(captured, (type, name) => {
    const recorded = mocks.resources.find((r) => r.type === type && r.name === name);
    if (!recorded) throw new Error(`${type} ${name} registered without reaching the mocks`);
    return recorded.inputs;
  });
  return captured;
}

/** A deep copy to break on purpose, leaving the captured stack as it was. */
export function copyOf(resources: readonly StackResource[]): StackResource[] {
  return structuredClone([...resources]);
}

/** One resource by type and logical name (registration order is not stable: inputs resolve asynchronously). */
export function find(resources: readonly StackResource[], type: string, name: string): StackResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have ${resources
        .filter((r) => r.type === type)
        .map((r) => r.name)
        .join(', ')}`,
    );
  return found;
}
