// Promise: data at rest is encrypted with KMS keys whose use CloudTrail records.
import { recordAt, shown } from './props';
import type { ResourceRule } from './types';

export const dynamodbEncrypted: ResourceRule = {
  name: 'dynamodb-sse-enabled',
  description: 'DynamoDB tables use KMS server-side encryption (serverSideEncryption.enabled: true).',
  resourceTypes: ['aws:dynamodb/table:Table'],
  check({ props }) {
    const sse = recordAt(props, 'serverSideEncryption');
    if (sse.enabled === true) return [];
    // Without it DynamoDB still encrypts, but with an AWS owned key nobody can audit or revoke.
    return [
      `DynamoDB table must set serverSideEncryption.enabled: true (a KMS key whose use CloudTrail records; got ${shown(sse.enabled)})`,
    ];
  },
};

export const sqsEncrypted: ResourceRule = {
  name: 'sqs-sse-enabled',
  description: 'SQS queues (the dead-letter queues) encrypt messages: sqsManagedSseEnabled or a KMS key.',
  resourceTypes: ['aws:sqs/queue:Queue'],
  check({ props }) {
    const kmsKey = props.kmsMasterKeyId;
    if (props.sqsManagedSseEnabled === true || (typeof kmsKey === 'string' && kmsKey !== '')) return [];
    return [
      `SQS queue must set sqsManagedSseEnabled: true or a kmsMasterKeyId (got sqsManagedSseEnabled ${shown(props.sqsManagedSseEnabled)})`,
    ];
  },
};

export const encryptionRules: ResourceRule[] = [dynamodbEncrypted, sqsEncrypted];
