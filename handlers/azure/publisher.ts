// The Cosmos DB change-feed trigger on `notes`: every committed change becomes one CloudEvent on
// Event Grid. A thrown error fails the invocation, and the trigger's retry policy delivers the same
// batch again (event ids are derived from the change, so a retry is deduplicated downstream).
import type { InvocationContext } from '@azure/functions';
import { changeToEvent } from '../core/events';
import type { Logger } from '../core/log';
import type { EventPublisher, NoteEvent } from '../core/ports';
import { documentToChange } from './change-feed';
import { eventPublisher } from './clients';
import { invocationLogger } from './invocation-log';

export interface AzureEventEntryOptions {
  /** Default: JSON lines through the invocation context (Application Insights). Local mode passes its own log sink. */
  log?: Logger;
}

export function createPublisherHandler(getPublisher: () => EventPublisher, options: AzureEventEntryOptions = {}) {
  return async function publisherHandler(documents: unknown[], context: InvocationContext): Promise<void> {
    const log = options.log ?? invocationLogger(context);
    const events: NoteEvent[] = [];
    for (const doc of documents) {
      try {
        events.push(changeToEvent(documentToChange(doc)));
      } catch (error) {
        // Retrying cannot make a foreign document a note; blocking the feed on it would stop every
        // later event, so it is logged loudly and skipped.
        log.error(error, { message: 'publisher: skipped a change-feed document' });
      }
    }
    if (events.length === 0) return;
    await getPublisher().publish(events);
    log.info('publisher: published', { events: events.length });
  };
}

export const publisherHandler = createPublisherHandler(() => eventPublisher());
