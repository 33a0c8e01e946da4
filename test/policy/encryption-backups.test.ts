// "Encrypted at rest" and "restorable": DynamoDB SSE and PITR, SQS SSE, Cosmos continuous backup.
import { cosmosContinuousBackup, dynamodbPointInTimeRecovery } from '../../policy/rules/backups';
import { dynamodbEncrypted, sqsEncrypted } from '../../policy/rules/encryption';

const table = 'aws:dynamodb/table:Table';
const queue = 'aws:sqs/queue:Queue';

describe('dynamodb-sse-enabled', () => {
  it('passes serverSideEncryption.enabled true, fails absent or false', () => {
    expect(dynamodbEncrypted.check({ type: table, props: { serverSideEncryption: { enabled: true } } })).toEqual([]);
    expect(dynamodbEncrypted.check({ type: table, props: {} })).toEqual([
      'DynamoDB table must set serverSideEncryption.enabled: true (a KMS key whose use CloudTrail records; got unset)',
    ]);
    expect(dynamodbEncrypted.check({ type: table, props: { serverSideEncryption: { enabled: false } } })[0]).toMatch(
      /got false\)$/,
    );
  });
});

describe('sqs-sse-enabled', () => {
  it('passes SQS-managed SSE or a KMS key, fails neither', () => {
    expect(sqsEncrypted.check({ type: queue, props: { sqsManagedSseEnabled: true } })).toEqual([]);
    expect(sqsEncrypted.check({ type: queue, props: { kmsMasterKeyId: 'alias/aws/sqs' } })).toEqual([]);
    expect(sqsEncrypted.check({ type: queue, props: { sqsManagedSseEnabled: false, kmsMasterKeyId: '' } })).toEqual([
      'SQS queue must set sqsManagedSseEnabled: true or a kmsMasterKeyId (got sqsManagedSseEnabled false)',
    ]);
  });
});

describe('dynamodb-point-in-time-recovery', () => {
  it('passes pointInTimeRecovery.enabled true, fails otherwise', () => {
    expect(
      dynamodbPointInTimeRecovery.check({ type: table, props: { pointInTimeRecovery: { enabled: true } } }),
    ).toEqual([]);
    expect(
      dynamodbPointInTimeRecovery.check({ type: table, props: { pointInTimeRecovery: { enabled: false } } }),
    ).toEqual([
      'DynamoDB table must set pointInTimeRecovery.enabled: true to be restorable to any second of the last 35 days (got false)',
    ]);
  });
});

describe('cosmos-continuous-backup', () => {
  const cosmos = 'azure-native:cosmosdb:DatabaseAccount';
  it('passes Continuous, fails Periodic or none', () => {
    expect(cosmosContinuousBackup.check({ type: cosmos, props: { backupPolicy: { type: 'Continuous' } } })).toEqual([]);
    expect(cosmosContinuousBackup.check({ type: cosmos, props: { backupPolicy: { type: 'Periodic' } } })).toEqual([
      'Cosmos DB account must set backupPolicy.type: "Continuous" for point-in-time restore (got "Periodic")',
    ]);
    expect(cosmosContinuousBackup.check({ type: cosmos, props: {} })[0]).toMatch(/got unset\)$/);
  });
});
