// The change stream: the notes table's DynamoDB stream → publisher, reporting per-record failures,
// with the batches that fail every retry sent to a failure queue. The bus half is events.ts.
import type * as pulumi from '@pulumi/pulumi';
import type { Table } from '@pulumi/aws/dynamodb';
import { EventSourceMapping, type Function as LambdaFunction } from '@pulumi/aws/lambda';
import type { Queue } from '@pulumi/aws/sqs';

export interface PublisherWiringArgs {
  notes: Table;
  publisher: LambdaFunction;
  failureQueue: Queue;
  /** What must exist first: the publisher's policy (Lambda checks at creation that the role can read the stream). */
  dependsOn: pulumi.Resource[];
}

/** Notes stream → publisher, reporting per-record failures; exhausted batches go to the failure queue. */
export function wirePublisher(name: string, args: PublisherWiringArgs, parent: pulumi.Resource): EventSourceMapping {
  const { notes, publisher, failureQueue, dependsOn } = args;
  return new EventSourceMapping(
    `${name}-notes-stream`,
    {
      eventSourceArn: notes.streamArn,
      functionName: publisher.name,
      // Polling starts minutes after the mapping is created (and up to 90 s after an update), so
      // LATEST would never publish the writes made meanwhile; TRIM_HORIZON replays the 24 h the
      // stream keeps, which is safe because event ids are derived from the change and the subscriber
      // records each once (AWS Lambda developer guide, "Polling and stream starting positions").
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      // The publisher returns batchItemFailures: only the failed record and those after it are retried.
      functionResponseTypes: ['ReportBatchItemFailures'],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 10,
      // Stream records live 24 h: giving up after 6 h leaves 18 h to redrive from the failure record.
      maximumRecordAgeInSeconds: 6 * 60 * 60,
      destinationConfig: { onFailure: { destinationArn: failureQueue.arn } },
    },
    // Lambda checks at creation that the role can read the stream.
    { parent, dependsOn },
  );
}
