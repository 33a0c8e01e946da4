// Lambda entry: API Gateway HTTP API (payload 2.0) → core's app on DynamoDB.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { jsonLogger, type ServedBy } from '../core/log';
import { type ApiHandler, apiHandler } from './api-handler';
import { dynamoDbClient } from './clients';
import { requiredEnv } from './config';
import { DynamoActivityStore } from './dynamo-activity-store';
import { DynamoNoteStore } from './dynamo-note-store';

let api: ApiHandler | undefined;

function servedBy(): ServedBy {
  // Local mode runs this same entry with SERVED_BY=local-aws.
  const value = process.env.SERVED_BY ?? 'aws';
  if (value !== 'aws' && value !== 'local-aws') throw new Error(`SERVED_BY must be aws or local-aws, not "${value}"`);
  return value;
}

function build(): ApiHandler {
  const cloud = servedBy();
  return apiHandler({
    notes: new DynamoNoteStore(dynamoDbClient(), requiredEnv('NOTES_TABLE')),
    activity: new DynamoActivityStore(dynamoDbClient(), requiredEnv('ACTIVITY_TABLE')),
    servedBy: cloud,
    log: jsonLogger(cloud),
  });
}

export const handler = async (event: APIGatewayProxyEventV2, context?: Context) => (api ??= build())(event, context);
