// Lambda entry: API Gateway HTTP API (payload 2.0) → core's app on DynamoDB.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SERVED_BY_SETTING, type ServedBy, servedByFor } from '../../contract/served-by';
import { type Authenticator, authenticatorFromEnv } from '../core/auth/authenticator';
import { reportingEnabled } from '../core/consumption';
import { createLogger, type Logger } from '../core/log';
import { mutableLogger } from '../core/muted-logger';
import { type ApiHandler, apiHandler } from './api-handler';
import { activityStore, dynamoDbClient, noteStore } from './clients';
import { reportConsumedCapacity } from './consumed-capacity';
import { inLambdaInit, warmUpEvent } from './init-phase';
import { lambdaMemoryMb } from './settings';

export interface AwsApiEntryOptions {
  /** Default: SERVED_BY from the environment, else `aws`. Local mode passes `local-aws`. */
  servedBy?: ServedBy;
  /** Default: JSON lines on stdout/stderr (CloudWatch). Local mode passes its own log sink. */
  log?: Logger;
  /** Default: from AUTH_ISSUER / AUTH_AUDIENCE / AUTH_MODE (contract/settings.ts). */
  auth?: Authenticator;
  /**
   * Build the app and its clients now, answer one GET /api/hello to nobody (V8 compiles the adapter's
   * and the app's request path on a first call) and start fetching the issuer's keys, so that the first
   * caller does not wait for them. Default: only when a Lambda runtime loads us.
   */
  buildNow?: boolean;
}

/**
 * The api entry; the app (its clients and its authenticator, which keeps the issuer's keys) is built once
 * per container: at init on Lambda, else on first use. A bad sign-in config throws at the first
 * invocation, and on every one until it is fixed: no note is ever served without it.
 */
export function createAwsApiEntry(options: AwsApiEntryOptions = {}): ApiHandler {
  let api: ApiHandler | undefined;
  const build = (): ApiHandler => {
    const cloud = options.servedBy ?? servedByFor('aws', process.env[SERVED_BY_SETTING]);
    const reportConsumption = reportingEnabled();
    if (reportConsumption) reportConsumedCapacity(dynamoDbClient());
    const log = mutableLogger(options.log ?? createLogger(cloud));
    const auth = options.auth ?? authenticatorFromEnv(process.env);
    const handler = apiHandler({
      auth,
      notes: noteStore(),
      activity: activityStore(),
      servedBy: cloud,
      log,
      reportConsumption,
      memoryMb: lambdaMemoryMb(),
    });
    if (!(options.buildNow ?? inLambdaInit())) return handler;
    auth.prepare?.();
    // Invocations wait for the warm-up, so none of their log lines falls in its muted window.
    const warm = log
      .muted(() => handler(warmUpEvent() as unknown as APIGatewayProxyEventV2))
      .then(
        () => undefined,
        () => undefined,
      );
    return async (event, context) => {
      await warm;
      return handler(event, context);
    };
  };
  if (options.buildNow ?? inLambdaInit()) {
    try {
      api = build();
    } catch {
      // A configuration error (a missing variable): the first invocation builds again and fails with it, naming it.
    }
  }
  return async (event: APIGatewayProxyEventV2, context?: Context) => (api ??= build())(event, context);
}

export const handler = createAwsApiEntry();
