// SDK clients and stores, created once per Lambda container on first use, from the environment
// (settings.ts). Region and credentials come from the Lambda environment; a local endpoint comes from
// AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_EVENTBRIDGE, which the SDK reads itself (serviceIds
// "DynamoDB" and "EventBridge"; checked in @smithy/core's getEndpointUrlConfig for SDK 3.1169).
// The bus publisher lives in eventbridge-client.ts: the SDK is external to the bundles, so an import
// here would make the api and subscriber functions load a client they never use. (Azure's one
// package loads its Event Grid SDK on first use instead, so its clients.ts holds the publisher too.)
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AWS_ENV } from '../../contract/aws';
import type { Settings } from '../core/settings';
import { DynamoActivityStore } from './activity-store';
import { DynamoNoteStore } from './note-store';
import { awsSetting, functionTimeoutSeconds } from './settings';
import { budgetedClientConfig, callBudgetMiddleware, callBudgetMiddlewareOptions } from './time-budget';

let dynamoDb: DynamoDBClient | undefined;
let notes: DynamoNoteStore | undefined;
let activity: DynamoActivityStore | undefined;

export function dynamoDbClient(settings: Settings = process.env): DynamoDBClient {
  if (!dynamoDb) {
    const seconds = functionTimeoutSeconds(settings);
    dynamoDb = new DynamoDBClient(budgetedClientConfig(seconds));
    dynamoDb.middlewareStack.add(callBudgetMiddleware(seconds), callBudgetMiddlewareOptions);
  }
  return dynamoDb;
}

export function noteStore(settings: Settings = process.env): DynamoNoteStore {
  notes ??= new DynamoNoteStore(dynamoDbClient(settings), awsSetting(AWS_ENV.notesTable, settings));
  return notes;
}

export function activityStore(settings: Settings = process.env): DynamoActivityStore {
  activity ??= new DynamoActivityStore(dynamoDbClient(settings), awsSetting(AWS_ENV.activityTable, settings));
  return activity;
}
