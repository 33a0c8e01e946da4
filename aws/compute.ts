// The three Lambda functions: same runtime, architecture and sizing; code from the deterministic bundles.
import * as pulumi from '@pulumi/pulumi';
import { Function as LambdaFunction } from '@pulumi/aws/lambda';
import type { LogGroup } from '@pulumi/aws/cloudwatch';
import { AWS_ENV, AWS_FUNCTIONS, type AwsFunctionName } from '../contract/aws';
import { FUNCTION_TIMEOUT_SETTING, REPORT_CONSUMPTION_SETTING } from '../contract/settings';
import type { AuthConfig } from '../handlers/core/auth/config';
import { authEnvironment } from '../program/auth-config';
import { AWS_NODE_OPTIONS, type Bundle } from '../program/bundle';
import type { FunctionRole } from './identity';

/** One value per function, keyed by its contract name (contract/aws.ts). */
export const perFunction = <T>(make: (fn: AwsFunctionName) => T): Record<AwsFunctionName, T> =>
  Object.fromEntries(AWS_FUNCTIONS.map((fn) => [fn, make(fn)])) as Record<AwsFunctionName, T>;

export interface FunctionArgs {
  functionName: string;
  code: Bundle;
  role: FunctionRole;
  logGroup: LogGroup;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, pulumi.Input<string>>;
}

export interface EnvironmentArgs {
  notesTableName: pulumi.Input<string>;
  activityTableName: pulumi.Input<string>;
  busName: pulumi.Input<string>;
  reportConsumption: boolean;
  timeoutSeconds: number;
  auth: AuthConfig;
}

/** What every function reads (docs/ARCHITECTURE.md "Configuration read by the handlers"), by contract/aws.ts's names. */
export function functionEnvironment(args: EnvironmentArgs): Record<string, pulumi.Input<string>> {
  return {
    [AWS_ENV.notesTable]: args.notesTableName,
    [AWS_ENV.activityTable]: args.activityTableName,
    [AWS_ENV.eventBus]: args.busName,
    ...(args.reportConsumption && { [REPORT_CONSUMPTION_SETTING]: 'true' }),
    // The SDK clients fit their attempts and retries into it (handlers/aws/time-budget.ts).
    [FUNCTION_TIMEOUT_SETTING]: String(args.timeoutSeconds),
    ...authEnvironment(args.auth),
  };
}

/** Same bundle → same archive → no diff in `pulumi preview`. The bundles are UTF-8 text (JS, map, licences). */
export function codeArchive(bundle: Bundle): pulumi.asset.AssetArchive {
  const assets: Record<string, pulumi.asset.Asset> = {};
  for (const name of Object.keys(bundle.files).sort()) {
    assets[name] = new pulumi.asset.StringAsset(bundle.files[name].toString('utf8'));
  }
  return new pulumi.asset.AssetArchive(assets);
}

export function createFunction(name: string, args: FunctionArgs, parent: pulumi.Resource): LambdaFunction {
  return new LambdaFunction(
    name,
    {
      name: args.functionName,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      code: codeArchive(args.code),
      role: args.role.role.arn,
      memorySize: args.memoryMb,
      timeout: args.timeoutSeconds,
      // Stack traces through the bundled source maps point at the TypeScript sources.
      environment: { variables: { ...args.environment, NODE_OPTIONS: AWS_NODE_OPTIONS } },
      // System level INFO keeps the platform.report record, whose initDurationMs is Lambda's only
      // cold-start signal (the dashboard counts them, compare --cold-starts reads them); WARN would drop it.
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: args.logGroup.name,
        applicationLogLevel: 'INFO',
        systemLogLevel: 'INFO',
      },
      // Shows in `pulumi preview` exactly when the handler's bytes change.
      tags: { 'bundle-sha256': args.code.hash },
    },
    // The role must be able to write logs (and read the stream) before the function's first run.
    { parent, dependsOn: [args.role.policy, args.logGroup] },
  );
}
