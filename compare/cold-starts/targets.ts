// What to restart on each cloud, read from the stack's `endpoints` output (program/endpoints.ts): the
// api function and its log group on AWS, the Function App and its subscription on Azure.
import { UsageError } from '../errors';
import type { AwsColdStartTarget } from './aws-forcer';
import type { AzureColdStartTarget } from './azure-forcer';

export interface CloudColdStartTargets {
  aws: AwsColdStartTarget;
  azure: AzureColdStartTarget;
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function coldStartTargetsFromOutputs(outputs: unknown): CloudColdStartTargets {
  const endpoints = (
    outputs as { endpoints?: { aws?: Record<string, unknown>; azure?: Record<string, unknown> } } | undefined
  )?.endpoints;
  const aws = endpoints?.aws;
  const azure = endpoints?.azure;
  const functionName = (aws?.functionNames as Record<string, unknown> | undefined)?.api;
  const logGroupName = (aws?.logGroupNames as Record<string, unknown> | undefined)?.api;
  const missing = [
    ...(text(aws?.region) ? [] : ['endpoints.aws.region']),
    ...(text(functionName) ? [] : ['endpoints.aws.functionNames.api']),
    ...(text(logGroupName) ? [] : ['endpoints.aws.logGroupNames.api']),
    ...(text(azure?.subscriptionId) ? [] : ['endpoints.azure.subscriptionId']),
    ...(text(azure?.resourceGroupName) ? [] : ['endpoints.azure.resourceGroupName']),
    ...(text(azure?.functionAppName) ? [] : ['endpoints.azure.functionAppName']),
  ];
  if (missing.length > 0) {
    throw new UsageError(
      `--cold-starts needs the stack's outputs, and they lack ${missing.join(', ')} (run pulumi up with this version of the program)`,
    );
  }
  return {
    aws: { region: aws!.region as string, functionName: functionName as string, logGroupName: logGroupName as string },
    azure: {
      subscriptionId: azure!.subscriptionId as string,
      resourceGroupName: azure!.resourceGroupName as string,
      functionAppName: azure!.functionAppName as string,
    },
  };
}
