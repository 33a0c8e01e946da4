// The three Lambda functions: same runtime, architecture and sizing; code from the deterministic bundles.
import * as pulumi from '@pulumi/pulumi';
import { Function as LambdaFunction } from '@pulumi/aws/lambda';
import type { LogGroup } from '@pulumi/aws/cloudwatch';
import { AWS_NODE_OPTIONS, type Bundle } from '../handlers/bundle';
import type { FunctionRole } from './iam';

export interface FunctionSettings {
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, pulumi.Input<string>>;
}

/** Same bundle → same archive → no diff in `pulumi preview`. The bundles are UTF-8 text (JS, map, licences). */
export function codeArchive(bundle: Bundle): pulumi.asset.AssetArchive {
  const assets: Record<string, pulumi.asset.Asset> = {};
  for (const name of Object.keys(bundle.files).sort()) {
    assets[name] = new pulumi.asset.StringAsset(bundle.files[name].toString('utf8'));
  }
  return new pulumi.asset.AssetArchive(assets);
}

export function createFunction(
  resourceName: string,
  functionName: string,
  bundle: Bundle,
  role: FunctionRole,
  logGroup: LogGroup,
  settings: FunctionSettings,
  parent: pulumi.Resource,
): LambdaFunction {
  return new LambdaFunction(
    resourceName,
    {
      name: functionName,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      code: codeArchive(bundle),
      role: role.role.arn,
      memorySize: settings.memoryMb,
      timeout: settings.timeoutSeconds,
      // Stack traces through the bundled source maps point at the TypeScript sources.
      environment: { variables: { ...settings.environment, NODE_OPTIONS: AWS_NODE_OPTIONS } },
      // System level INFO keeps the platform.report record, whose initDurationMs is Lambda's only
      // cold-start signal (the dashboard counts them, compare --cold-starts reads them); WARN would drop it.
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name, applicationLogLevel: 'INFO', systemLogLevel: 'INFO' },
      // Shows in `pulumi preview` exactly when the handler's bytes change.
      tags: { 'bundle-sha256': bundle.hash },
    },
    // The role must be able to write logs (and read the stream) before the function's first run.
    { parent, dependsOn: [role.policy, logGroup] },
  );
}
