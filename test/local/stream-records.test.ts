import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { streamRecord, type StreamSource } from '../../local/aws/stream-records';
import { writtenKeys } from '../../local/aws/stream-capture-proxy';
import { deliverStreamBatch } from '../../local/aws/stream-delivery';

const fixture = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/aws-dynamodb-stream/java-libs_insert-modify-remove.json'), 'utf8'),
) as DynamoDBStreamEvent;
const source: StreamSource = { table: 'notes', keyAttributes: ['id'], region: 'us-east-1', label: 'local' };
const v1 = { id: { S: 'n1' }, title: { S: 'a' }, version: { N: '1' } };
const v2 = { id: { S: 'n1' }, title: { S: 'b' }, version: { N: '2' } };

describe('DynamoDB Streams records', () => {
  it('builds INSERT, MODIFY and REMOVE with the images and the fields of a real record', () => {
    const insert = streamRecord(source, undefined, v1)!;
    const modify = streamRecord(source, v1, v2)!;
    const remove = streamRecord(source, v2, undefined)!;
    expect([insert.eventName, modify.eventName, remove.eventName]).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const real = fixture.Records[0]!;
    for (const record of [insert, modify, remove]) {
      expect(Object.keys(record).sort()).toEqual(
        Object.keys(real)
          .filter((k) => k !== 'userIdentity')
          .sort(),
      );
      expect(record).toMatchObject({
        eventSource: 'aws:dynamodb',
        eventVersion: real.eventVersion,
        awsRegion: 'us-east-1',
      });
      expect(record.dynamodb).toMatchObject({ Keys: { id: { S: 'n1' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    }
    expect(insert.dynamodb).toMatchObject({ NewImage: v1 });
    expect(insert.dynamodb!.OldImage).toBeUndefined();
    expect(modify.dynamodb).toMatchObject({ NewImage: v2, OldImage: v1 });
    expect(remove.dynamodb).toMatchObject({ OldImage: v2 });
    expect(remove.dynamodb!.NewImage).toBeUndefined();
  });

  it('writes no record for a write that changes nothing', () => {
    expect(streamRecord(source, v1, { ...v1 })).toBeUndefined();
    expect(streamRecord(source, undefined, undefined)).toBeUndefined();
  });

  it('numbers records in increasing order', () => {
    const numbers = Array.from({ length: 50 }, () =>
      BigInt(streamRecord(source, undefined, v1)!.dynamodb!.SequenceNumber!),
    );
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
  });

  it('finds the keys a write touches, only for the streamed table', () => {
    expect(writtenKeys('PutItem', { TableName: 'notes', Item: v1 }, source)).toEqual([{ id: { S: 'n1' } }]);
    expect(writtenKeys('DeleteItem', { TableName: 'notes', Key: { id: { S: 'n2' } } }, source)).toEqual([
      { id: { S: 'n2' } },
    ]);
    expect(writtenKeys('PutItem', { TableName: 'activity', Item: v1 }, source)).toEqual([]);
    expect(
      writtenKeys(
        'BatchWriteItem',
        { RequestItems: { notes: [{ PutRequest: { Item: v1 } }, { DeleteRequest: { Key: { id: { S: 'n3' } } } }] } },
        source,
      ),
    ).toEqual([{ id: { S: 'n1' } }, { id: { S: 'n3' } }]);
  });
});

describe('partial batch responses (ReportBatchItemFailures)', () => {
  const batch = [
    streamRecord(source, undefined, v1)!,
    streamRecord(source, v1, v2)!,
    streamRecord(source, v2, undefined)!,
  ];

  it('reads the first failed record from batchItemFailures', async () => {
    const second = batch[1]!.dynamodb!.SequenceNumber!;
    const third = batch[2]!.dynamodb!.SequenceNumber!;
    await expect(
      deliverStreamBatch(
        async () => ({ batchItemFailures: [{ itemIdentifier: third }, { itemIdentifier: second }] }),
        batch,
      ),
    ).resolves.toBe(1);
    await expect(deliverStreamBatch(async () => ({ batchItemFailures: [] }), batch)).resolves.toBeUndefined();
    await expect(deliverStreamBatch(async () => undefined, batch)).resolves.toBeUndefined();
  });

  it('fails the whole batch for an identifier that names no record', async () => {
    await expect(
      deliverStreamBatch(async () => ({ batchItemFailures: [{ itemIdentifier: 'nope' }] }), batch),
    ).resolves.toBe(0);
  });
});
