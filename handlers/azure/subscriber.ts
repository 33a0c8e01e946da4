// The Event Grid trigger: records each note CloudEvent once as the note's activity.
import type { InvocationContext } from '@azure/functions';
import { parseNoteEvent } from '../core/events';
import type { ActivityStore } from '../core/ports';
import { recordNoteEvent } from '../core/subscriber';
import { activityStore } from './clients';

export function createSubscriberHandler(getActivity: () => ActivityStore) {
  return async function subscriberHandler(event: unknown, context: InvocationContext): Promise<void> {
    // A malformed or foreign event throws InvalidNoteEventError, which says what is wrong; Event Grid
    // then retries and finally dead-letters it, so it is never silently dropped.
    const noteEvent = parseNoteEvent(event);
    const recorded = await recordNoteEvent(noteEvent, getActivity());
    context.log(`subscriber: ${recorded ? 'recorded' : 'already had'} ${noteEvent.id}`);
  };
}

export const subscriberHandler = createSubscriberHandler(() => activityStore());
