import { createServer } from 'node:net';
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

import { emulatorClient } from '../../local/aws/dynamodb-client';
import { ensureTables } from '../../local/aws/dynamodb-tables';
import { startDynamoDbThread, type DynamoDbThread } from '../../local/aws/dynamodb-thread';
import { streamedTableSchema, streamedTableSource } from './helpers/streamed-table';
import { listen, PortInUseError } from '../../local/listen';

const source = streamedTableSource;

describe('the emulated DynamoDB in its own thread', () => {
  let thread: DynamoDbThread;
  let client: DynamoDBClient;
  const records: DynamoDBRecord[] = [];
  let refuse: Error | undefined;

  beforeAll(async () => {
    thread = await startDynamoDbThread({
      path: undefined,
      port: 0,
      source,
      onRecords: async (batch) => {
        if (refuse) throw refuse;
        records.push(...batch);
      },
    });
    client = emulatorClient(`http://127.0.0.1:${thread.port}`);
    await ensureTables(client, [streamedTableSchema('notes')]);
  });

  afterAll(async () => {
    client.destroy();
    await thread.close();
  });

  const put = (id: string) =>
    client.send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: id }, kind: { S: 'note' } } }));

  it('answers a write once its stream record is back in this thread, and reads what it wrote', async () => {
    await put('a');
    expect(records.map((r) => [r.eventName, r.dynamodb?.Keys])).toEqual([['INSERT', { id: { S: 'a' } }]]);
    const { Item } = await client.send(new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'a' } } }));
    expect(Item).toEqual({ id: { S: 'a' }, kind: { S: 'note' } });
  });

  it('does not acknowledge a write whose record this thread could not keep', async () => {
    refuse = new Error('journal write failed: disk full');
    try {
      await expect(put('b')).rejects.toThrow(/journal write failed: disk full/);
    } finally {
      refuse = undefined;
    }
  });

  it('goes down and comes back on the same port (the store outage of the fault injection)', async () => {
    await thread.stopStore();
    await expect(put('c')).rejects.toThrow(/ECONNREFUSED/);
    await thread.startStore();
    await put('c');
    expect(records.at(-1)?.dynamodb?.Keys).toEqual({ id: { S: 'c' } });
  });

  it('refuses a taken port with the same PortInUseError as the other emulators', async () => {
    const holder = createServer();
    const port = await listen(holder, 0);
    try {
      await expect(
        startDynamoDbThread({ path: undefined, port, source, onRecords: async () => undefined }),
      ).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      holder.close();
    }
  });
});
