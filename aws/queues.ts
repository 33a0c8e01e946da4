// Dead-letter queues: where events that could not be delivered or processed wait for a human.
import * as pulumi from '@pulumi/pulumi';
import { Queue } from '@pulumi/aws/sqs';

// SQS's maximum: two weeks to notice, inspect and redrive.
const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

export function createDeadLetterQueue(resourceName: string, parent: pulumi.Resource): Queue {
  return new Queue(resourceName, { messageRetentionSeconds: FOURTEEN_DAYS, sqsManagedSseEnabled: true }, { parent });
}
