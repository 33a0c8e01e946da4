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

/**
 * Key names of the notes table: one partition per owner (handlers/core/auth/owner.ts), ordered by id
 * (UUIDv7 = creation order), so a list is one Query on the caller's partition and writes spread over
 * one partition key per owner (no single-valued index).
 */
export const NOTES_KEYS = {
  hash: 'owner',
  range: 'id',
} as const;

/** Every key attribute of a notes item, in key order (stream records' `Keys`). */
export const NOTES_KEY_ATTRIBUTES = [NOTES_KEYS.hash, NOTES_KEYS.range] as const;

/**
 * Key names of the activity table: one partition per owner; the range key is `<noteId>/<eventId>`, so a
 * note's activity is one Query with `begins_with(<noteId>/)` and an event is recorded once per owner.
 */
export const ACTIVITY_KEYS = { hash: 'owner', range: 'noteEvent' } as const;

/** The activity range key of an event of a note ("/" never occurs in a note id). */
export const activityRangeKey = (noteId: string, eventId: string): string => `${noteId}/${eventId}`;
/** The prefix every activity range key of a note starts with. */
export const activityRangePrefix = (noteId: string): string => `${noteId}/`;

/** The notes table as CreateTableInput: local mode creates it from this; aws/ derives its Table from it. */
export function notesTableSchema(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: NOTES_KEYS.hash, AttributeType: 'S' },
      { AttributeName: NOTES_KEYS.range, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: NOTES_KEYS.hash, KeyType: 'HASH' },
      { AttributeName: NOTES_KEYS.range, KeyType: 'RANGE' },
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
