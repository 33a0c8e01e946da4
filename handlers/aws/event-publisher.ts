// EventPublisher on EventBridge: each CloudEvent travels whole in `detail`, DetailType = its type.
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { EVENTBRIDGE_SOURCE } from '../../contract/aws';
import type { EventPublisher, NoteEvent } from '../core/ports';

// PutEvents quotas: at most 10 entries per request, and the entries together under 256 KB as AWS
// counts them (UTF-8 bytes of Source, DetailType, Detail, Resources; 14 bytes for Time).
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

/** Publishing stopped at `firstFailedIndex` (an index into the events given to publish). */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly firstFailedIndex: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

function toEntry(event: NoteEvent, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: EVENTBRIDGE_SOURCE,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    Time: new Date(event.time),
  };
}

function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  return (entry.Time ? 14 : 0) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
}

/** Consecutive runs of entries that fit one PutEvents request each: [start, end) index pairs. */
function batches(entries: PutEventsRequestEntry[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let bytes = 0;
  entries.forEach((entry, i) => {
    const size = entrySize(entry);
    if (i > start && (i - start === MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
      out.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (start < entries.length) out.push([start, entries.length]);
  return out;
}

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  /** Sends in order, one request at a time, and stops at the first request with a failure. */
  async publish(events: NoteEvent[]): Promise<void> {
    const entries = events.map((event) => toEntry(event, this.busName));
    for (const [start, end] of batches(entries)) {
      let out: PutEventsCommandOutput;
      try {
        out = await this.client.send(new PutEventsCommand({ Entries: entries.slice(start, end) }));
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new PublishError(`PutEvents failed for events ${events[start]!.id}…: ${detail}`, start, { cause: error });
      }
      if ((out.FailedEntryCount ?? 0) > 0) {
        // Result entries line up with request entries; failed ones carry ErrorCode/ErrorMessage.
        const failed = (out.Entries ?? [])
          .map((result, i) => ({ result, index: start + i }))
          .filter(({ result }) => result.ErrorCode !== undefined);
        const named = failed.map(
          ({ result, index }) => `${events[index]?.id} (${result.ErrorCode}: ${result.ErrorMessage ?? ''})`,
        );
        throw new PublishError(
          `EventBridge rejected ${out.FailedEntryCount} of ${end - start} events: ${named.join(', ') || 'no entry named'}`,
          failed[0]?.index ?? start,
        );
      }
    }
  }
}
