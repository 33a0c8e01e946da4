// Lambda entry: DynamoDB Streams (notes table) → CloudEvents on EventBridge, partial batch response.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createLogger, type Logger } from '../core/log';
import { eventPublisher } from './eventbridge-client';
import { publishStreamBatch } from './stream-batch';

export interface AwsEventEntryOptions {
  /** Default: JSON lines on stdout/stderr (CloudWatch). Local mode passes its own log sink. */
  log?: Logger;
}

export function createAwsPublisherEntry(options: AwsEventEntryOptions = {}) {
  const log = options.log ?? createLogger('aws');
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    publishStreamBatch(event.Records, eventPublisher(), log);
}

export const handler = createAwsPublisherEntry();
