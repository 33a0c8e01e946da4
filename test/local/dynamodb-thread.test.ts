import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

import { emulatorClient } from '../../local/aws/dynamodb-client';
import { ensureTables } from '../../local/aws/dynamodb-tables';
import { startDynamoDbThread, type DynamoDbThread } from '../../local/aws/dynamodb-thread';
import { readJournal, type JournalEntry } from '../../local/journal';
import { streamedTableSchema, streamedTableSource } from './helpers/streamed-table';
import { listen, PortInUseError } from '../../local/listen';

const source = streamedTableSource;

describe('the emulated DynamoDB in its own thread, with the stream journal', () => {
  let dir: string;
  let journal: string;
  let thread: DynamoDbThread;
  let client: DynamoDBClient;
  const entries: JournalEntry<DynamoDBRecord>[] = [];

  const start = (port = 0) =>
    startDynamoDbThread({
      path: join(dir, 'dynamodb'),
      port,
      source,
      journal,
      onEntries: (batch) => entries.push(...batch),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dynamodb-thread-'));
    journal = join(dir, 'journal', 'stream.jsonl');
    thread = await start();
    client = emulatorClient(`http://127.0.0.1:${thread.port}`);
    await ensureTables(client, [streamedTableSchema('notes')]);
  });

  afterAll(async () => {
    client.destroy();
    await thread.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (id: string) =>
    client.send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: id }, kind: { S: 'note' } } }));
  const keysOf = (list: readonly JournalEntry<DynamoDBRecord>[]) =>
    list.map((e) => [e.item.eventName, e.item.dynamodb?.Keys]);

  it('answers a write once its stream record is in the journal on disk, then hands the entry over', async () => {
    await put('a');
    // Durable before the answer: the file has it now, whatever this thread has received.
    expect(keysOf(readJournal<DynamoDBRecord>(journal))).toEqual([['INSERT', { id: { S: 'a' } }]]);
    await thread.settle();
    expect(keysOf(entries)).toEqual([['INSERT', { id: { S: 'a' } }]]);
    const { Item } = await client.send(new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'a' } } }));
    expect(Item).toEqual({ id: { S: 'a' }, kind: { S: 'note' } });
  });

  it('hands entries over in journal order, and a restart recovers those not checkpointed', async () => {
    await Promise.all(['b', 'c', 'd'].map(put));
    await thread.settle();
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    // a and c delivered; b and d not.
    thread.journal.done(
      entries.filter((e) => ['a', 'c'].includes(e.item.dynamodb?.Keys?.id?.S ?? '')).map((e) => e.seq),
    );
    client.destroy();
    await thread.close();
    thread = await start();
    client = emulatorClient(`http://127.0.0.1:${thread.port}`);
    const recovered = thread.journal.recovered.map((e) => e.item.dynamodb?.Keys?.id?.S).sort();
    expect(recovered).toEqual(['b', 'd']);
    await expect(thread.journal.append([])).rejects.toThrow(/appended in the emulated DynamoDB's thread/);
  });

  it('goes down and comes back on the same port (the store outage of the fault injection)', async () => {
    await thread.stopStore();
    await expect(put('e')).rejects.toThrow(/ECONNREFUSED/);
    await thread.startStore();
    await put('e');
    await thread.settle();
    expect(entries.at(-1)?.item.dynamodb?.Keys).toEqual({ id: { S: 'e' } });
  });

  it('refuses a taken port with the same PortInUseError as the other emulators', async () => {
    const holder = createServer();
    const port = await listen(holder, 0);
    try {
      await expect(
        startDynamoDbThread({ path: undefined, port, source, journal: undefined, onEntries: () => undefined }),
      ).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      holder.close();
    }
  });
});
