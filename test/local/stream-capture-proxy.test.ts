import type { Server } from 'node:http';
import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import dynalite from 'dynalite';

import { emulatorClient } from '../../local/aws/dynamodb-client';
import { ensureTables } from '../../local/aws/dynamodb-tables';
import { createsOnly, createStreamCaptureProxy } from '../../local/aws/stream-capture-proxy';
import { streamedTableSchema, streamedTableSource } from './helpers/streamed-table';
import { close, listen } from '../../local/listen';

const source = streamedTableSource;

describe('DynamoDB stream capture proxy', () => {
  let dynamo: Server;
  let proxy: Server;
  let direct: DynamoDBClient;
  let app: DynamoDBClient;
  const records: DynamoDBRecord[] = [];
  let refuse: Error | undefined;

  beforeAll(async () => {
    dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const dynamoUrl = new URL(`http://127.0.0.1:${await listen(dynamo, 0)}`);
    direct = emulatorClient(dynamoUrl.toString());
    await ensureTables(direct, [
      streamedTableSchema('notes'),
      { ...streamedTableSchema('other'), StreamSpecification: undefined },
    ]);
    proxy = createStreamCaptureProxy(dynamo, source, async (batch) => {
      if (refuse) throw refuse;
      records.push(...batch);
    });
    app = emulatorClient(`http://127.0.0.1:${await listen(proxy, 0)}`);
  });

  afterAll(async () => {
    app.destroy();
    direct.destroy();
    await close(proxy);
    await close(dynamo);
  });

  beforeEach(() => {
    records.length = 0;
  });

  const bump = (id: string) =>
    app.send(
      new UpdateItemCommand({
        TableName: 'notes',
        Key: { id: { S: id } },
        UpdateExpression: 'ADD version :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );

  it('records every concurrent write, each item in commit order with its old and new image', async () => {
    const ids = ['a', 'b', 'c'];
    const writesPerItem = 15;
    await Promise.all(ids.flatMap((id) => Array.from({ length: writesPerItem }, () => bump(id))));
    expect(records).toHaveLength(ids.length * writesPerItem);
    for (const id of ids) {
      const versions = records
        .filter((r) => r.dynamodb!.Keys!.id!.S === id)
        .map((r) => [r.dynamodb!.OldImage?.version?.N, r.dynamodb!.NewImage!.version!.N]);
      // Each record starts where the one before it on the same item ended.
      expect(versions).toEqual(
        Array.from({ length: writesPerItem }, (_, i) => [i === 0 ? undefined : String(i), String(i + 1)]),
      );
    }
    const sequence = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    expect(sequence.every((n, i) => i === 0 || n > sequence[i - 1]!)).toBe(true);
  });

  it('records a conditional create as an INSERT, and an unconditional overwrite with its old image', async () => {
    const create = {
      TableName: 'notes',
      Item: { id: { S: 'e' }, v: { N: '1' } },
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
    };
    await app.send(new PutItemCommand(create));
    await app.send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: 'e' }, v: { N: '2' } } }));
    expect(records.map((r) => [r.eventName, r.dynamodb!.OldImage, r.dynamodb!.NewImage])).toEqual([
      ['INSERT', undefined, { id: { S: 'e' }, v: { N: '1' } }],
      ['MODIFY', { id: { S: 'e' }, v: { N: '1' } }, { id: { S: 'e' }, v: { N: '2' } }],
    ]);
  });

  it('answers reads and writes to other tables unchanged, with no record', async () => {
    await app.send(new PutItemCommand({ TableName: 'other', Item: { id: { S: 'x' }, v: { N: '1' } } }));
    const read = await app.send(new GetItemCommand({ TableName: 'other', Key: { id: { S: 'x' } } }));
    expect(read.Item).toEqual({ id: { S: 'x' }, v: { N: '1' } });
    expect(records).toEqual([]);
  });

  it('passes a failed write through with no record', async () => {
    await bump('d');
    records.length = 0;
    await expect(
      app.send(
        new PutItemCommand({
          TableName: 'notes',
          Item: { id: { S: 'd' } },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    ).rejects.toThrow(/conditional request failed/i);
    await expect(app.send(new GetItemCommand({ TableName: 'missing', Key: { id: { S: 'd' } } }))).rejects.toThrow(
      /not found/i,
    );
    expect(records).toEqual([]);
  });

  it('does not acknowledge a write whose record could not be kept', async () => {
    refuse = new Error('journal write failed: disk full');
    try {
      await expect(bump('e')).rejects.toThrow(/journal write failed: disk full/);
    } finally {
      refuse = undefined;
    }
    expect(records).toEqual([]);
  });
});

describe('createsOnly', () => {
  const put = (condition: string | undefined, names?: Record<string, string>) => ({
    TableName: 'notes',
    Item: {},
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
  });

  it('knows a PutItem conditioned on the key attribute not existing had no old image', () => {
    expect(createsOnly('PutItem', put('attribute_not_exists(#id)', { '#id': 'id' }), source)).toBe(true);
    expect(createsOnly('PutItem', put(' attribute_not_exists ( id ) '), source)).toBe(true);
  });

  it('reads the old image for any other write', () => {
    expect(createsOnly('PutItem', put(undefined), source)).toBe(false);
    expect(createsOnly('PutItem', put('attribute_not_exists(#t)', { '#t': 'title' }), source)).toBe(false);
    expect(createsOnly('PutItem', put('attribute_not_exists(#id)'), source)).toBe(false);
    expect(createsOnly('PutItem', put('attribute_not_exists(id) OR v = :v'), source)).toBe(false);
    expect(createsOnly('UpdateItem', put('attribute_not_exists(id)'), source)).toBe(false);
  });
});
