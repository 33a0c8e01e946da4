// Lambda entry: API Gateway HTTP API (payload 2.0) → core's app on DynamoDB.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { reportingEnabled } from '../core/consumption';
import { jsonLogger, type Logger, type ServedBy, servedByFor } from '../core/log';
import { type ApiHandler, apiHandler } from './api-handler';
import { dynamoDbClient } from './clients';
import { requiredEnv } from './config';
import { reportConsumedCapacity } from './consumed-capacity';
import { DynamoActivityStore } from './dynamo-activity-store';
import { DynamoNoteStore } from './dynamo-note-store';

export interface AwsApiEntryOptions {
  /** Default: SERVED_BY from the environment, else `aws`. Local mode passes `local-aws`. */
  servedBy?: ServedBy;
  /** Default: JSON lines on stdout/stderr (CloudWatch). Local mode passes its own log sink. */
  log?: Logger;
}

/** The api entry; the app (and its clients) is built on the first invocation, once per container. */
export function createAwsApiEntry(options: AwsApiEntryOptions = {}): ApiHandler {
  let api: ApiHandler | undefined;
  const build = (): ApiHandler => {
    const cloud = options.servedBy ?? servedByFor('aws', process.env.SERVED_BY);
    const reportConsumption = reportingEnabled();
    if (reportConsumption) reportConsumedCapacity(dynamoDbClient());
    return apiHandler({
      notes: new DynamoNoteStore(dynamoDbClient(), requiredEnv('NOTES_TABLE')),
      activity: new DynamoActivityStore(dynamoDbClient(), requiredEnv('ACTIVITY_TABLE')),
      servedBy: cloud,
      log: options.log ?? jsonLogger(cloud),
      reportConsumption,
    });
  };
  return async (event: APIGatewayProxyEventV2, context?: Context) => (api ??= build())(event, context);
}

export const handler = createAwsApiEntry();
