// The program behind `pulumi up`: config in (validated before anything is created), the enabled
// clouds' components, their URLs out. A disabled cloud gets no resources and needs no credentials.
import { AwsNotesApp } from './aws';
import { AzureNotesApp } from './azure';
import { awsEnabled, azureEnabled } from './program/config';
import { awsEndpoint, azureEndpoint } from './program/endpoints';
import { readConfig } from './program/read-config';
import { awsNotesAppArgs, azureNotesAppArgs } from './program/stack-args';

const config = readConfig();

const aws = awsEnabled(config) ? new AwsNotesApp('aws', awsNotesAppArgs(config)) : undefined;
const azure = azureEnabled(config) ? new AzureNotesApp('azure', azureNotesAppArgs(config)) : undefined;

export const awsUrl = aws?.endpoint;
export const azureUrl = azure?.endpoint;
export const endpoints = {
  ...(aws ? { aws: awsEndpoint(aws) } : {}),
  ...(azure ? { azure: azureEndpoint(azure) } : {}),
};
