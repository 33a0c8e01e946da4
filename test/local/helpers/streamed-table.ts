// A table keyed by `id` alone with a NEW_AND_OLD_IMAGES stream: what the stream capture needs to be
// tested on, apart from the notes table's keys (contract/aws.ts).
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const streamedTableSchema = (name: string): CreateTableCommandInput => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});

/** Where the capture proxy looks for that table's changes. */
export const streamedTableSource = { table: 'notes', keyAttributes: ['id'], region: 'us-east-1', label: 'local' };
