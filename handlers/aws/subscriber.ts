// Lambda entry: EventBridge rule target. `detail` is the CloudEvent; an invalid one throws, so the
// asynchronous invocation is retried and then dead-lettered instead of silently dropped.
import type { EventBridgeEvent } from 'aws-lambda';
import { parseNoteEvent } from '../core/events';
import { createLogger } from '../core/log';
import { recordNoteEvent } from '../core/subscriber';
import { activityStore } from './clients';
import type { AwsEventEntryOptions } from './publisher';

export function createAwsSubscriberEntry(options: AwsEventEntryOptions = {}) {
  const log = options.log ?? createLogger('aws');
  return async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const noteEvent = parseNoteEvent(event.detail);
    const recorded = await recordNoteEvent(noteEvent, activityStore());
    log.info(recorded ? 'subscriber: recorded' : 'subscriber: already recorded', { eventId: noteEvent.id });
  };
}

export const handler = createAwsSubscriberEntry();
