// SDK clients, created once per Lambda container on first use. Region and credentials come from the
// Lambda environment; a local endpoint comes from AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_EVENTBRIDGE,
// which the SDK reads itself (serviceIds "DynamoDB" and "EventBridge"; checked in @smithy/core's
// getEndpointUrlConfig for SDK 3.1169), so no endpoint plumbing is needed here.
// The EventBridge client lives in eventbridge-client.ts: the SDK is external to the bundles, so an
// import here would make the api and subscriber functions load a client they never use.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { budgetedClientConfig, callBudgetMiddleware, callBudgetMiddlewareOptions } from './config';

let dynamoDb: DynamoDBClient | undefined;

export function dynamoDbClient(): DynamoDBClient {
  if (!dynamoDb) {
    dynamoDb = new DynamoDBClient(budgetedClientConfig());
    dynamoDb.middlewareStack.add(callBudgetMiddleware(), callBudgetMiddlewareOptions);
  }
  return dynamoDb;
}
