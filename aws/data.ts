// The two DynamoDB tables, shaped by handlers/aws/table-schema.ts (the schema local mode uses too).
import * as pulumi from '@pulumi/pulumi';
import { Table } from '@pulumi/aws/dynamodb';
import { activityTableSchema, notesTableSchema } from '../handlers/aws/table-schema';
import { tableShapeFromSchema } from './table-args';

export interface Tables {
  notes: Table;
  activity: Table;
}

export function createTables(name: string, protectData: boolean, parent: pulumi.Resource): Tables {
  // Deletion protection stops the API from dropping a table; `protect` stops Pulumi from even trying.
  const safety = { deletionProtectionEnabled: protectData };
  const durability = {
    // Continuous backups: restore to any second of the last 35 days.
    pointInTimeRecovery: { enabled: true },
    // The AWS managed key (aws/dynamodb), visible in CloudTrail; callers need no KMS permission for it.
    serverSideEncryption: { enabled: true },
  };
  const options: pulumi.CustomResourceOptions = { parent, protect: protectData };
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
