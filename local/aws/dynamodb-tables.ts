import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** Creates each table unless it exists (an on-disk store keeps them across restarts). */
export async function ensureTables(client: DynamoDBClient, tables: CreateTableInput[]): Promise<void> {
  for (const table of tables) {
    try {
      await client.send(new DescribeTableCommand({ TableName: table.TableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(table));
    }
    await waitActive(client, table.TableName!);
  }
}

async function waitActive(client: DynamoDBClient, name: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((gsi) => gsi.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`table ${name} did not become ACTIVE`);
}
