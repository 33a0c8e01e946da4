// The `endpoints` stack output: per cloud, where the API is and what answers there, so
// `npm run compare` and people reading `pulumi stack output endpoints` need nothing else.
import * as pulumi from '@pulumi/pulumi';
import type { AwsNotesApp } from '../aws';
import type { AzureNotesApp } from '../azure';
import type { AwsFunctionName } from '../contract/aws';

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

export function awsEndpoint(app: AwsNotesApp): pulumi.Output<AwsEndpoint> {
  return pulumi.output({
    url: app.endpoint,
    region: app.region,
    servedBy: 'aws' as const,
    tableName: app.tableName,
    busName: app.busName,
    functionNames: app.functionNames,
    logGroupNames: app.logGroupNames,
  });
}

export function azureEndpoint(app: AzureNotesApp): pulumi.Output<AzureEndpoint> {
  return pulumi.output({
    url: app.endpoint,
    location: app.location,
    servedBy: 'azure' as const,
    resourceGroupName: app.resourceGroupName,
    functionAppName: app.functionAppName,
    subscriptionId: app.subscriptionId,
    cosmosEndpoint: app.cosmosEndpoint,
    topicEndpoint: app.topicEndpoint,
  });
}
