// The document store: two DynamoDB tables shaped by contract/aws.ts (the schema local mode creates
// its tables from too), so the deployed tables cannot drift from the ones the handlers are tested on.
import type * as pulumi from '@pulumi/pulumi';
import { Table, type TableArgs } from '@pulumi/aws/dynamodb';
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { activityTableSchema, notesTableSchema } from '../contract/aws';

export interface TablesArgs {
  /** Deletion protection stops the API from dropping a table; `protect` stops Pulumi from even trying. */
  protectData: boolean;
}

export interface Tables {
  notes: Table;
  activity: Table;
}

export function createTables(name: string, args: TablesArgs, parent: pulumi.Resource): Tables {
  const safety = { deletionProtectionEnabled: args.protectData };
  const durability = {
    // Continuous backups: restore to any second of the last 35 days.
    pointInTimeRecovery: { enabled: true },
    // The AWS managed key (aws/dynamodb), visible in CloudTrail; callers need no KMS permission for it.
    serverSideEncryption: { enabled: true },
  };
  const options: pulumi.CustomResourceOptions = { parent, protect: args.protectData };
  // The schema's TableName is ignored: Pulumi autonames the tables, and the handlers get names via env.
  const notes = new Table(
    `${name}-notes`,
    { ...tableShapeFromSchema(notesTableSchema('notes')), ...durability, ...safety },
    options,
  );
  const activity = new Table(
    `${name}-activity`,
    { ...tableShapeFromSchema(activityTableSchema('activity')), ...durability, ...safety },
    options,
  );
  return { notes, activity };
}

// CreateTableInput → Pulumi table arguments.
export type TableShape = Pick<
  TableArgs,
  'attributes' | 'billingMode' | 'hashKey' | 'rangeKey' | 'globalSecondaryIndexes' | 'streamEnabled' | 'streamViewType'
>;

function keyOf(schema: KeySchemaElement[] | undefined, type: 'HASH' | 'RANGE'): string | undefined {
  return schema?.find((k) => k.KeyType === type)?.AttributeName;
}

export function tableShapeFromSchema(schema: CreateTableCommandInput): TableShape {
  if (schema.BillingMode !== 'PAY_PER_REQUEST') {
    throw new Error(`table ${schema.TableName}: only on-demand (PAY_PER_REQUEST) tables are supported`);
  }
  const hashKey = keyOf(schema.KeySchema, 'HASH');
  if (!hashKey) throw new Error(`table ${schema.TableName}: the key schema has no HASH key`);
  const shape: TableShape = {
    billingMode: 'PAY_PER_REQUEST',
    attributes: (schema.AttributeDefinitions ?? []).map((a) => ({
      name: a.AttributeName as string,
      type: a.AttributeType as string,
    })),
    hashKey,
  };
  const rangeKey = keyOf(schema.KeySchema, 'RANGE');
  if (rangeKey) shape.rangeKey = rangeKey;
  if (schema.GlobalSecondaryIndexes?.length) {
    shape.globalSecondaryIndexes = schema.GlobalSecondaryIndexes.map((index) => ({
      name: index.IndexName as string,
      keySchemas: (index.KeySchema ?? []).map((k) => ({
        attributeName: k.AttributeName as string,
        keyType: k.KeyType as string,
      })),
      projectionType: index.Projection?.ProjectionType ?? 'ALL',
      ...(index.Projection?.NonKeyAttributes ? { nonKeyAttributes: index.Projection.NonKeyAttributes } : {}),
    }));
  }
  if (schema.StreamSpecification?.StreamEnabled) {
    shape.streamEnabled = true;
    shape.streamViewType = schema.StreamSpecification.StreamViewType;
  }
  return shape;
}
