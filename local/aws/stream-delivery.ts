import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamLambda = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

/**
 * Invokes the stream's Lambda with one batch and reads its partial batch response the way the event
 * source mapping (ReportBatchItemFailures) does: the index of the first failed record, undefined when
 * all succeeded. An identifier that is empty or names no record of the batch fails the whole batch.
 */
export async function deliverStreamBatch(handler: StreamLambda, batch: DynamoDBRecord[]): Promise<number | undefined> {
  const response = await handler({ Records: batch });
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return undefined;
  const indexes = failures.map(({ itemIdentifier }) =>
    batch.findIndex((r) => r.dynamodb?.SequenceNumber === itemIdentifier),
  );
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
}
