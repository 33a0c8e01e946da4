// The event bus: EventBridge bus → rule → subscriber, with bounded retries and a dead-letter queue
// at each hop where an event could otherwise be lost. The stream → publisher half is changes.ts.
import * as pulumi from '@pulumi/pulumi';
import { EventBus, EventRule, EventTarget } from '@pulumi/aws/cloudwatch';
import { FunctionEventInvokeConfig, Permission, type Function as LambdaFunction } from '@pulumi/aws/lambda';
import { QueuePolicy, type Queue } from '@pulumi/aws/sqs';
import { EVENTBRIDGE_SOURCE } from '../contract/aws';
import { NOTE_EVENT_TYPES } from '../contract/events';
import { createDeadLetterQueue } from './dead-letters';

/** A custom bus: nothing to choose. */
export type EventBusArgs = Record<string, never>;

export function createEventBus(name: string, _args: EventBusArgs, parent: pulumi.Resource): EventBus {
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
export interface SubscriberWiringArgs {
  bus: EventBus;
  subscriber: LambdaFunction;
  /** Lambda's on-failure destination for events that failed every retry. */
  failureQueue: Queue;
}

export function wireSubscriber(name: string, args: SubscriberWiringArgs, parent: pulumi.Resource): SubscriberWiring {
  const { bus, subscriber, failureQueue } = args;
  const rule = new EventRule(
    `${name}-note-events`,
    {
      eventBusName: bus.name,
      description: 'Note change events (CloudEvents in detail) for the subscriber',
      eventPattern: JSON.stringify({ source: [EVENTBRIDGE_SOURCE], 'detail-type': NOTE_EVENT_TYPES }),
    },
    { parent },
  );
  const deadLetterQueue = createDeadLetterQueue(`${name}-events-dlq`, {}, parent);
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
    {
      action: 'lambda:InvokeFunction',
      function: subscriber.name,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    },
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
