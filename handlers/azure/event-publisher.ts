// EventPublisher for an Event Grid topic in the CloudEvents 1.0 input schema. Each NoteEvent already
// is a CloudEvent; the SDK only wants `time` as a Date and sets `specversion` itself.
import type { EventGridPublisherClient, EventGridPublisherClientOptions, SendCloudEventInput } from '@azure/eventgrid';
import { NOTE_EVENT_OWNER_ATTRIBUTE } from '../../contract/events';
import type { EventPublisher, NoteEvent } from '../core/ports';

// Event Grid refuses a request over 1 MB; stay well under it (the SDK adds the envelope's bytes).
export const MAX_BATCH_BYTES = 900_000;

function toSendInput(event: NoteEvent): SendCloudEventInput<NoteEvent['data']> {
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    subject: event.subject,
    time: new Date(event.time),
    datacontenttype: event.datacontenttype,
    data: event.data,
    // The SDK writes extension attributes as top-level CloudEvent attributes, as core made the event.
    extensionAttributes: { [NOTE_EVENT_OWNER_ATTRIBUTE]: event.owner },
  };
}

/** Splits events, in order, into batches whose JSON stays under `maxBytes` (one event per batch at least). */
export function batchBySize(events: NoteEvent[], maxBytes = MAX_BATCH_BYTES): NoteEvent[][] {
  const batches: NoteEvent[][] = [];
  let batch: NoteEvent[] = [];
  let bytes = 2; // the enclosing []
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event)) + 1;
    if (batch.length > 0 && bytes + size > maxBytes) {
      batches.push(batch);
      batch = [];
      bytes = 2;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** A key (local mode) or a token credential (the app's managed identity). */
export type EventGridCredential = ConstructorParameters<typeof EventGridPublisherClient>[2];

export class EventGridPublisher implements EventPublisher {
  private client: Promise<EventGridPublisherClient<'CloudEvent'>> | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly credential: EventGridCredential,
    private readonly options?: EventGridPublisherClientOptions,
  ) {}

  /** Only the publisher function sends events: the SDK (15 % of the package) loads on its first batch. */
  private connect(): Promise<EventGridPublisherClient<'CloudEvent'>> {
    this.client ??= import('@azure/eventgrid').then(
      ({ EventGridPublisherClient }) =>
        new EventGridPublisherClient(this.endpoint, 'CloudEvent', this.credential, this.options),
    );
    return this.client;
  }

  async publish(events: NoteEvent[]): Promise<void> {
    const client = await this.connect();
    // Sequential: a failed batch throws and the caller retries the whole change-feed batch.
    for (const batch of batchBySize(events)) await client.send(batch.map(toSendInput));
  }
}
