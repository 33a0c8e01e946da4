// Lambda entry: EventBridge rule target. `detail` is the CloudEvent; an invalid one throws, so the
// asynchronous invocation is retried and then dead-lettered instead of silently dropped.
import type { EventBridgeEvent } from 'aws-lambda';
import { parseNoteEvent } from '../core/events';
import { recordNoteEvent } from '../core/subscriber';
import { dynamoDbClient } from './clients';
import { requiredEnv } from './config';
import { DynamoActivityStore } from './dynamo-activity-store';

let activity: DynamoActivityStore | undefined;

export async function handler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const noteEvent = parseNoteEvent(event.detail);
  await recordNoteEvent(noteEvent, (activity ??= new DynamoActivityStore(dynamoDbClient(), requiredEnv('ACTIVITY_TABLE'))));
}
