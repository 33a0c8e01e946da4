// Lambda entry: API Gateway HTTP API (payload 2.0) → core's app on DynamoDB.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SERVED_BY_SETTING, type ServedBy, servedByFor } from '../../contract/served-by';
import { reportingEnabled } from '../core/consumption';
import { createLogger, type Logger } from '../core/log';
import { type ApiHandler, apiHandler } from './api-handler';
import { activityStore, dynamoDbClient, noteStore } from './clients';
import { reportConsumedCapacity } from './consumed-capacity';
import { lambdaMemoryMb } from './settings';

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
    const cloud = options.servedBy ?? servedByFor('aws', process.env[SERVED_BY_SETTING]);
    const reportConsumption = reportingEnabled();
    if (reportConsumption) reportConsumedCapacity(dynamoDbClient());
    return apiHandler({
      notes: noteStore(),
      activity: activityStore(),
      servedBy: cloud,
      log: options.log ?? createLogger(cloud),
      reportConsumption,
      memoryMb: lambdaMemoryMb(),
    });
  };
  return async (event: APIGatewayProxyEventV2, context?: Context) => (api ??= build())(event, context);
}

export const handler = createAwsApiEntry();
