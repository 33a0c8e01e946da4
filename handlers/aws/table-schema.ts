// The two DynamoDB tables, as CreateTableInput: the single source of their key names. Local mode
// creates its tables from these; the Pulumi stack (aws/) mirrors them. Type-only SDK import, so the
// Pulumi program can import this file without loading the SDK.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

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
