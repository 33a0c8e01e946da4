// Dead-letter queues: where events that could not be delivered or processed wait for a human.
import type * as pulumi from '@pulumi/pulumi';
import { Queue } from '@pulumi/aws/sqs';

// SQS's maximum: two weeks to notice, inspect and redrive.
const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

/** Nothing to choose: every dead-letter queue is kept as long as SQS allows and encrypted. */
export type DeadLetterQueueArgs = Record<string, never>;

export function createDeadLetterQueue(name: string, _args: DeadLetterQueueArgs, parent: pulumi.Resource): Queue {
  return new Queue(name, { messageRetentionSeconds: FOURTEEN_DAYS, sqsManagedSseEnabled: true }, { parent });
}
