// The Event Grid trigger: records each note CloudEvent once as the note's activity.
import type { InvocationContext } from '@azure/functions';
import { parseNoteEvent } from '../core/events';
import type { ActivityStore } from '../core/ports';
import { recordNoteEvent } from '../core/subscriber';
import { activityStore } from './clients';
import { invocationLogger } from './invocation-log';
import type { AzureEventEntryOptions } from './publisher';

export function createSubscriberHandler(getActivity: () => ActivityStore, options: AzureEventEntryOptions = {}) {
  return async function subscriberHandler(event: unknown, context: InvocationContext): Promise<void> {
    // A malformed or foreign event throws InvalidNoteEventError, which says what is wrong; Event Grid
    // then retries and finally dead-letters it, so it is never silently dropped.
    const noteEvent = parseNoteEvent(event);
    const recorded = await recordNoteEvent(noteEvent, getActivity());
    (options.log ?? invocationLogger(context)).info(
      recorded ? 'subscriber: recorded' : 'subscriber: already recorded',
      { eventId: noteEvent.id },
    );
  };
}

export const subscriberHandler = createSubscriberHandler(() => activityStore());
