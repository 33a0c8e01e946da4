// Lambda entry: API Gateway HTTP API (payload 2.0) → core's app on DynamoDB.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SERVED_BY_SETTING, type ServedBy, servedByFor } from '../../contract/served-by';
import { type Authenticator, authenticatorFromEnv } from '../core/auth/authenticator';
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
  /** Default: from AUTH_ISSUER / AUTH_AUDIENCE / AUTH_MODE (contract/settings.ts). */
  auth?: Authenticator;
}

/**
 * The api entry; the app (its clients and its authenticator, which keeps the issuer's keys) is built on
 * the first invocation, once per container. A bad sign-in config throws there, on every invocation
 * until it is fixed: no note is ever served without it.
 */
export function createAwsApiEntry(options: AwsApiEntryOptions = {}): ApiHandler {
  let api: ApiHandler | undefined;
  const build = (): ApiHandler => {
    const cloud = options.servedBy ?? servedByFor('aws', process.env[SERVED_BY_SETTING]);
    const reportConsumption = reportingEnabled();
    if (reportConsumption) reportConsumedCapacity(dynamoDbClient());
    return apiHandler({
      auth: options.auth ?? authenticatorFromEnv(process.env),
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
