// The event path: notes stream → publisher → EventBridge bus → rule → subscriber, with bounded
// retries everywhere and a dead-letter queue at each hop where an event could otherwise be lost.
import * as pulumi from '@pulumi/pulumi';
import { EventBus, EventRule, EventTarget } from '@pulumi/aws/cloudwatch';
import type { Table } from '@pulumi/aws/dynamodb';
import {
  EventSourceMapping,
  FunctionEventInvokeConfig,
  Permission,
  type Function as LambdaFunction,
} from '@pulumi/aws/lambda';
import { QueuePolicy, type Queue } from '@pulumi/aws/sqs';
import type { NoteEventType } from '../handlers/core/ports';
import { createDeadLetterQueue } from './queues';

/** Must equal EVENT_SOURCE in handlers/aws/eventbridge-publisher.ts (a test checks it). */
export const NOTE_EVENT_SOURCE = 'serverless-aws-azure.notes';
export const NOTE_EVENT_TYPES: NoteEventType[] = [
  'com.example.note.created',
  'com.example.note.updated',
  'com.example.note.deleted',
];

export function createEventBus(name: string, parent: pulumi.Resource): EventBus {
  return new EventBus(`${name}-bus`, {}, { parent });
}

export interface SubscriberWiring {
  rule: EventRule;
  target: EventTarget;
  deadLetterQueue: Queue;
  deadLetterQueuePolicy: QueuePolicy;
  permission: Permission;
  invokeConfig: FunctionEventInvokeConfig;
}

/** Rule on the custom bus → subscriber; undeliverable events go to a DLQ only that rule may write to. */
export function wireSubscriber(
  name: string,
  bus: EventBus,
  subscriber: LambdaFunction,
  failureQueue: Queue,
  parent: pulumi.Resource,
): SubscriberWiring {
  const rule = new EventRule(
    `${name}-note-events`,
    {
      eventBusName: bus.name,
      description: 'Note change events (CloudEvents in detail) for the subscriber',
      eventPattern: JSON.stringify({ source: [NOTE_EVENT_SOURCE], 'detail-type': NOTE_EVENT_TYPES }),
    },
    { parent },
  );
  const deadLetterQueue = createDeadLetterQueue(`${name}-events-dlq`, parent);
  const deadLetterQueuePolicy = new QueuePolicy(
    `${name}-events-dlq`,
    {
      queueUrl: deadLetterQueue.url,
      policy: pulumi.jsonStringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OnlyTheNoteEventsRule',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: deadLetterQueue.arn,
            Condition: { ArnEquals: { 'aws:SourceArn': rule.arn } },
          },
        ],
      }),
    },
    { parent },
  );
  const permission = new Permission(
    `${name}-subscriber-from-rule`,
    { action: 'lambda:InvokeFunction', function: subscriber.name, principal: 'events.amazonaws.com', sourceArn: rule.arn },
    { parent },
  );
  const target = new EventTarget(
    `${name}-subscriber`,
    {
      rule: rule.name,
      eventBusName: bus.name,
      arn: subscriber.arn,
      // EventBridge retries only failed deliveries (throttling, service errors), for at most a day.
      retryPolicy: { maximumRetryAttempts: 24, maximumEventAgeInSeconds: 24 * 60 * 60 },
      deadLetterConfig: { arn: deadLetterQueue.arn },
    },
    // Without the queue policy the first undeliverable event would be dropped.
    { parent, dependsOn: [permission, deadLetterQueuePolicy] },
  );
  // EventBridge invokes asynchronously: a function error is retried by Lambda, not EventBridge,
  // so the events that fail every retry need Lambda's own on-failure destination.
  const invokeConfig = new FunctionEventInvokeConfig(
    `${name}-subscriber`,
    {
      functionName: subscriber.name,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 6 * 60 * 60,
      destinationConfig: { onFailure: { destination: failureQueue.arn } },
    },
    { parent },
  );
  return { rule, target, deadLetterQueue, deadLetterQueuePolicy, permission, invokeConfig };
}

/** Notes stream → publisher, reporting per-record failures; exhausted batches go to the failure queue. */
export function wirePublisher(
  name: string,
  notes: Table,
  publisher: LambdaFunction,
  failureQueue: Queue,
  dependsOn: pulumi.Resource[],
  parent: pulumi.Resource,
): EventSourceMapping {
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
