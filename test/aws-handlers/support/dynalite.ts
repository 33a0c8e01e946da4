// An in-memory dynalite on a free loopback port, and real SDK clients pointed at it.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

// dynalite ships no types; its factory returns a plain node http.Server.
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

export const DUMMY_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface Dynalite {
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a table from a schema under a new unique name and returns that name. */
  createTable(schema: (name: string) => CreateTableCommandInput, prefix: string): Promise<string>;
  deleteTable(name: string): Promise<void>;
  close(): Promise<void>;
}

let tableCount = 0;

export async function startDynalite(): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
  return {
    endpoint,
    client,
    async createTable(schema, prefix) {
      tableCount += 1;
      const name = `${prefix}-${process.pid}-${tableCount}`;
      await client.send(new CreateTableCommand(schema(name)));
      return name;
    },
    async deleteTable(name) {
      await client.send(new DeleteTableCommand({ TableName: name }));
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
