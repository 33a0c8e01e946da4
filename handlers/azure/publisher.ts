// The Cosmos DB change-feed trigger on `notes`: every committed change becomes one CloudEvent on
// Event Grid. A thrown error fails the invocation, and the trigger's retry policy delivers the same
// batch again (event ids are derived from the change, so a retry is deduplicated downstream).
import type { InvocationContext } from '@azure/functions';
import { changeToEvent } from '../core/events';
import type { EventPublisher, NoteEvent } from '../core/ports';
import { documentToChange } from './change-feed';
import { eventPublisher } from './clients';

export function createPublisherHandler(getPublisher: () => EventPublisher) {
  return async function publisherHandler(documents: unknown[], context: InvocationContext): Promise<void> {
    const events: NoteEvent[] = [];
    for (const doc of documents) {
      try {
        events.push(changeToEvent(documentToChange(doc)));
      } catch (error) {
        // Retrying cannot make a foreign document a note; blocking the feed on it would stop every
        // later event, so it is logged loudly and skipped.
        context.error(`publisher: skipped a change-feed document: ${(error as Error).message}`);
      }
    }
    if (events.length === 0) return;
    await getPublisher().publish(events);
    context.log(`publisher: published ${events.length} event(s)`);
  };
}

export const publisherHandler = createPublisherHandler(() => eventPublisher());
