// The `endpoints` stack output: per cloud, where the API is and what answers there, so
// `npm run compare` and people reading `pulumi stack output endpoints` need nothing else.
import * as pulumi from '@pulumi/pulumi';
import type { AwsStack } from '../aws';
import type { AwsFunctionName } from '../program/bundle';
import type { AzureStack } from '../azure';

export interface AwsEndpoint {
  url: string;
  region: string;
  /** The `x-served-by` header every response from this deployment carries. */
  servedBy: 'aws';
  tableName: string;
  busName: string;
  functionNames: Record<AwsFunctionName, string>;
  logGroupNames: Record<AwsFunctionName, string>;
}

export interface AzureEndpoint {
  url: string;
  location: string;
  servedBy: 'azure';
  resourceGroupName: string;
  functionAppName: string;
  subscriptionId: string;
  cosmosEndpoint: string;
  topicEndpoint: string;
}

export function awsEndpoint(stack: AwsStack): pulumi.Output<AwsEndpoint> {
  return pulumi.output({
    url: stack.url,
    region: stack.region,
    servedBy: 'aws' as const,
    tableName: stack.tableName,
    busName: stack.busName,
    functionNames: stack.functionNames,
    logGroupNames: stack.logGroupNames,
  });
}

export function azureEndpoint(stack: AzureStack): pulumi.Output<AzureEndpoint> {
  return pulumi.output({
    url: stack.url,
    location: stack.location,
    servedBy: 'azure' as const,
    resourceGroupName: stack.resourceGroupName,
    functionAppName: stack.functionAppName,
    subscriptionId: stack.subscriptionId,
    cosmosEndpoint: stack.cosmosEndpoint,
    topicEndpoint: stack.topicEndpoint,
  });
}
