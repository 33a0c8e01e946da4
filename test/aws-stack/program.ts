// Runs AwsNotesApp instances once under the mocks and hands back what Pulumi would have been asked to create.
import * as pulumi from '@pulumi/pulumi';
import type { AwsNotesAppArgs } from '../../aws';
import { installMocks, outputValue, type RecordedResource as CapturedResource } from '../../program/mocks';
import { TEST_AUTH } from '../support/stack-auth';

/** The region the AWS component runs in under the mocks. */
export const REGION = 'eu-central-1';

export interface StackOutputs {
  endpoint: string;
  region: string;
  tableName: string;
  busName: string;
  functionNames: Record<string, string>;
}

export type { CapturedResource };

export interface ProgramRun {
  resources: CapturedResource[];
  /** Resource options as the SDK resolved them (inherited ones included), by `${type} ${name}`. */
  options: Map<string, pulumi.ResourceOptions>;
  outputs: Record<string, StackOutputs>;
  /** The component instances, by name. */
  stacks: Record<string, pulumi.ComponentResource>;
}

export function baseArgs(overrides: Partial<AwsNotesAppArgs> = {}): AwsNotesAppArgs {
  return {
    protectData: true,
    logRetentionDays: 30,
    throttle: { rateLimit: 25, burstLimit: 50 },
    memoryMb: 256,
    timeoutSeconds: 15,
    corsOrigins: ['https://app.example.com'],
    auth: TEST_AUTH,
    ...overrides,
  };
}

/** One program run per test file: the mocks' runtime cannot be reused after it drained. */
export async function runProgram(instances: Array<{ name: string; args: AwsNotesAppArgs }>): Promise<ProgramRun> {
  const { resources } = installMocks({ config: { 'aws:region': REGION } });
  const options = new Map<string, pulumi.ResourceOptions>();
  // Imported only now: the component must load after the mocks are in place.
  const { AwsNotesApp } = await import('../../aws');
  // Legacy transformations run inside the SDK, so they see `protect` and friends, which the mocks do not.
  const record: pulumi.ResourceTransformation = ({ type, name, opts }) => {
    options.set(`${type} ${name}`, opts);
    return undefined;
  };
  const stacks = instances.map(({ name, args }) => ({
    name,
    stack: new AwsNotesApp(name, args, { transformations: [record] }),
  }));
  const outputs: Record<string, StackOutputs> = {};
  for (const { name, stack } of stacks) {
    outputs[name] = {
      endpoint: await outputValue(stack.endpoint),
      region: await outputValue(stack.region),
      tableName: await outputValue(stack.tableName),
      busName: await outputValue(stack.busName),
      functionNames: await outputValue(stack.functionNames),
    };
  }
  // Waits until every registration of the program has reached the mocks.
  await pulumi.runtime.disconnect();
  return { resources, options, outputs, stacks: Object.fromEntries(stacks.map(({ name, stack }) => [name, stack])) };
}

export function ofType(run: ProgramRun, type: string): CapturedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function named(run: ProgramRun, type: string, name: string): CapturedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have ${ofType(run, type)
        .map((r) => r.name)
        .join(', ')}`,
    );
  return found;
}

/** The files of a Lambda `code` archive, as text. */
export async function archiveFiles(code: unknown): Promise<Record<string, string>> {
  const assets = await (code as pulumi.asset.AssetArchive).assets;
  const files: Record<string, string> = {};
  for (const [name, asset] of Object.entries(assets)) files[name] = await (asset as pulumi.asset.StringAsset).text;
  return files;
}
