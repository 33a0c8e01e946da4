// One DynamoDB Streams batch → events on the bus, with a partial batch response. A stream shard is
// ordered, so the first record that cannot be published is reported together with every record after
// it: Lambda checkpoints before it and retries from there (and the event source mapping's retry limit
// and on-failure destination take a record that can never succeed out of the way).
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { changeToEvent } from '../core/events';
import { createLogger, type Logger } from '../core/log';
import type { EventPublisher, NoteEvent } from '../core/ports';
import { PublishError } from './event-publisher';
import { recordToChange } from './stream-records';

/** Lambda's checkpoint id for a DynamoDB record: its SequenceNumber (not eventID). */
function itemIdentifier(record: DynamoDBRecord): string {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  // An empty identifier would fail the whole batch anyway; say why instead.
  if (!sequenceNumber) throw new Error(`stream record ${record.eventID ?? '(no eventID)'} has no SequenceNumber`);
  return sequenceNumber;
}

export async function publishStreamBatch(
  records: DynamoDBRecord[],
  publisher: EventPublisher,
  log: Logger = createLogger('aws'),
): Promise<DynamoDBBatchResponse> {
  const events: NoteEvent[] = [];
  let failedFrom = records.length;
  for (const [i, record] of records.entries()) {
    try {
      events.push(changeToEvent(recordToChange(record)));
    } catch (error) {
      log.error(error, { message: 'publisher: stream record rejected' });
      failedFrom = i;
      break;
    }
  }
  try {
    await publisher.publish(events);
  } catch (error) {
    log.error(error, { message: 'publisher: publishing to the event bus failed' });
    // Events (and records) line up one to one up to failedFrom.
    failedFrom = Math.min(failedFrom, error instanceof PublishError ? error.firstFailedIndex : 0);
  }
  if (failedFrom > 0) log.info('publisher: published', { events: failedFrom });
  return { batchItemFailures: records.slice(failedFrom).map((record) => ({ itemIdentifier: itemIdentifier(record) })) };
}
