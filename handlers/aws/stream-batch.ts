// One DynamoDB Streams batch → events on the bus, with a partial batch response. A stream shard is
// ordered, so the first record that cannot be published is reported together with every record after
// it: Lambda checkpoints before it and retries from there (and the event source mapping's retry limit
// and on-failure destination take a record that can never succeed out of the way).
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { changeToEvent } from '../core/events';
import type { EventPublisher, NoteEvent } from '../core/ports';
import { PublishError } from './eventbridge-publisher';
import { recordToChange } from './stream-records';

type LogError = (message: string, error: unknown) => void;

const logAsJson: LogError = (message, error) =>
  console.error(
    JSON.stringify({
      level: 'error',
      message,
      errorName: error instanceof Error ? error.name : undefined,
      errorMessage: error instanceof Error ? error.message : String(error),
    }),
  );

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
  logError: LogError = logAsJson,
): Promise<DynamoDBBatchResponse> {
  const events: NoteEvent[] = [];
  let failedFrom = records.length;
  for (const [i, record] of records.entries()) {
    try {
      events.push(changeToEvent(recordToChange(record)));
    } catch (error) {
      logError('stream record rejected', error);
      failedFrom = i;
      break;
    }
  }
  try {
    await publisher.publish(events);
  } catch (error) {
    logError('publishing to the event bus failed', error);
    // Events (and records) line up one to one up to failedFrom.
    failedFrom = Math.min(failedFrom, error instanceof PublishError ? error.firstFailedIndex : 0);
  }
  return { batchItemFailures: records.slice(failedFrom).map((record) => ({ itemIdentifier: itemIdentifier(record) })) };
}
