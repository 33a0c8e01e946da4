// The AWS deployment's names: what aws/ creates and handlers/aws, local mode, bench and tests read.
// Type-only SDK import, so the Pulumi program can import this file without loading the SDK.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const AWS_FUNCTIONS = ['api', 'publisher', 'subscriber'] as const;
export type AwsFunctionName = (typeof AWS_FUNCTIONS)[number];

/** Environment variables the stack sets on every function and the handlers read. */
export const AWS_ENV = {
  notesTable: 'NOTES_TABLE',
  activityTable: 'ACTIVITY_TABLE',
  eventBus: 'EVENT_BUS_NAME',
} as const;
export type AwsEnvName = (typeof AWS_ENV)[keyof typeof AWS_ENV];

/**
 * EventBridge `Source` of every note event (PutEvents entry); the rule matches on it. EventBridge
 * sources are reverse-DNS-like names, so this is not the CloudEvents source (contract/events.ts).
 */
export const EVENTBRIDGE_SOURCE = 'serverless-aws-azure.notes';

/** Key and index names of the notes table. */
export const NOTES_KEYS = {
  hash: 'id',
  /** Every note carries kind = "note": one GSI partition ordered by id (UUIDv7 = creation order). */
  listIndex: 'byKind',
  listIndexHash: 'kind',
  listIndexRange: 'id',
} as const;

/** The value of `kind` on every note item. */
export const NOTE_KIND = 'note';

/** Key names of the activity table: one partition per note, one item per event id. */
export const ACTIVITY_KEYS = { hash: 'noteId', range: 'eventId' } as const;

/** The notes table as CreateTableInput: local mode creates it from this; aws/ derives its Table from it. */
export function notesTableSchema(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: NOTES_KEYS.hash, AttributeType: 'S' },
      { AttributeName: NOTES_KEYS.listIndexHash, AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: NOTES_KEYS.hash, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: NOTES_KEYS.listIndex,
        KeySchema: [
          { AttributeName: NOTES_KEYS.listIndexHash, KeyType: 'HASH' },
          { AttributeName: NOTES_KEYS.listIndexRange, KeyType: 'RANGE' },
        ],
        // ALL: a list page is one Query, with no GetItem per note.
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    // The publisher needs the old image to publish a delete with the last committed note.
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

export function activityTableSchema(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: ACTIVITY_KEYS.hash, AttributeType: 'S' },
      { AttributeName: ACTIVITY_KEYS.range, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: ACTIVITY_KEYS.hash, KeyType: 'HASH' },
      { AttributeName: ACTIVITY_KEYS.range, KeyType: 'RANGE' },
    ],
  };
}
