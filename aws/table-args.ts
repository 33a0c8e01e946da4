// Turns the handlers' CreateTableInput (handlers/aws/table-schema.ts, also used by local mode) into
// Pulumi table arguments, so the deployed tables cannot drift from the ones the handlers are tested on.
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { TableArgs } from '@pulumi/aws/dynamodb';

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
    attributes: (schema.AttributeDefinitions ?? []).map((a) => ({ name: a.AttributeName as string, type: a.AttributeType as string })),
    hashKey,
  };
  const rangeKey = keyOf(schema.KeySchema, 'RANGE');
  if (rangeKey) shape.rangeKey = rangeKey;
  if (schema.GlobalSecondaryIndexes?.length) {
    shape.globalSecondaryIndexes = schema.GlobalSecondaryIndexes.map((index) => ({
      name: index.IndexName as string,
      keySchemas: (index.KeySchema ?? []).map((k) => ({ attributeName: k.AttributeName as string, keyType: k.KeyType as string })),
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
