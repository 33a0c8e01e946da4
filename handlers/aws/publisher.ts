// Lambda entry: DynamoDB Streams (notes table) → CloudEvents on EventBridge, partial batch response.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requiredEnv } from './config';
import { eventBridgeClient } from './eventbridge-client';
import { EventBridgePublisher } from './eventbridge-publisher';
import { publishStreamBatch } from './stream-batch';

let publisher: EventBridgePublisher | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  publishStreamBatch(event.Records, (publisher ??= new EventBridgePublisher(eventBridgeClient(), requiredEnv('EVENT_BUS_NAME'))));
