// The program behind `pulumi up`: config in (validated before anything is created), the enabled
// clouds' components, their URLs out. A disabled cloud gets no resources and needs no credentials.
import { AwsStack } from './aws';
import { AzureStack } from './azure';
import { awsEnabled, azureEnabled } from './program/config';
import { awsEndpoint, azureEndpoint } from './program/endpoints';
import { readConfig } from './program/read-config';
import { awsStackArgs, azureStackArgs } from './program/stack-args';

const config = readConfig();

const aws = awsEnabled(config) ? new AwsStack('aws', awsStackArgs(config)) : undefined;
const azure = azureEnabled(config) ? new AzureStack('azure', azureStackArgs(config)) : undefined;

export const awsUrl = aws?.url;
export const azureUrl = azure?.url;
export const endpoints = {
  ...(aws ? { aws: awsEndpoint(aws) } : {}),
  ...(azure ? { azure: azureEndpoint(azure) } : {}),
};
