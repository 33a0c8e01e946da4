// What the stores consume, read from real SDK responses against the emulators (dynalite reports
// ConsumedCapacity by DynamoDB's documented rules; cosmosdb-server answers every request with a
// constant x-ms-request-charge of 1), and the app's debug header: present only when asked for.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { COSMOS_CONTAINERS } from '../../contract/azure';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { randomUUID } from 'node:crypto';
import { CosmosClient, type Container } from '@azure/cosmos';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoItemBytes, reportConsumedCapacity } from '../../handlers/aws/consumed-capacity';
import { DynamoNoteStore } from '../../handlers/aws/note-store';
import { noteToItem } from '../../handlers/aws/stored-note';
import { notesTableSchema } from '../../contract/aws';
import { cosmosClientOptions } from '../../handlers/azure/clients';
import { CosmosNoteStore } from '../../handlers/azure/note-store';
import { requestChargePlugin } from '../../handlers/azure/request-charge';
import { createApp } from '../../handlers/core/app';
import {
  CONSUMPTION_HEADER,
  type Consumption,
  type StoreOperation,
  withConsumption,
} from '../../handlers/core/consumption';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import { VersionMismatchError } from '../../handlers/core/ports';
import { sampleNote } from '../contract/note-store-contract';
import { DUMMY_CREDENTIALS, type Dynalite, startDynalite } from '../aws-handlers/support/dynalite';
import { type CosmosEmulator, startCosmosEmulator } from '../azure-handlers/cosmos-emulator';

/** Runs `work` as one reported request and returns what it recorded. */
async function consumed(work: () => Promise<unknown>): Promise<Consumption> {
  let result: Consumption | undefined;
  await withConsumption(
    async () => void (await work().catch(() => undefined)),
    (c) => (result = c),
  );
  return result!;
}

const strip = (ops: StoreOperation[]) => ops.map(({ bytes: _bytes, ...rest }) => rest);

describe('DynamoDB consumed capacity (dynalite)', () => {
  let db: Dynalite;
  let client: DynamoDBClient;
  let table: string;
  let store: DynamoNoteStore;
  beforeAll(async () => {
    db = await startDynalite();
    client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: db.endpoint,
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 1,
    });
    reportConsumedCapacity(client);
    reportConsumedCapacity(client); // a second install replaces the first: nothing counts twice
    table = await db.createTable(notesTableSchema, 'cost');
    store = new DynamoNoteStore(client, table);
  });
  afterAll(async () => {
    client.destroy();
    await db.close();
  });

  it('records each store call with the capacity DynamoDB reported', async () => {
    const note = sampleNote({ body: 'small' });
    expect(strip((await consumed(() => store.create(OWNER, note))).operations)).toEqual([
      { store: 'dynamodb', kind: 'write', reportedUnits: 1 },
    ]);
    expect(strip((await consumed(() => store.get(OWNER, note.id))).operations)).toEqual([
      { store: 'dynamodb', kind: 'read', reportedUnits: 1, consistent: true },
    ]);
    const list = await consumed(() => store.list(OWNER, { limit: 2 }));
    expect(list.operations).toHaveLength(1);
    expect(list.operations[0]).toMatchObject({ store: 'dynamodb', kind: 'query', consistent: false });
    expect(list.operations[0]!.reportedUnits).toBeGreaterThan(0);
  });

  it('reports writes by the KB and strongly consistent reads by the 4 KB, as documented', async () => {
    // A note of about 5 KB: 5 write units, and 2 read units (5 KB / 4 KB, rounded up).
    const note = sampleNote({ body: 'x'.repeat(5 * 1024 - 300) });
    const bytes = dynamoItemBytes(noteToItem(OWNER, note));
    expect(bytes).toBeGreaterThan(4 * 1024);
    expect(bytes).toBeLessThanOrEqual(5 * 1024);
    const write = (await consumed(() => store.create(OWNER, note))).operations[0]!;
    expect(write).toMatchObject({ kind: 'write', reportedUnits: 5, bytes });
    const read = (await consumed(() => store.get(OWNER, note.id))).operations[0]!;
    expect(read).toMatchObject({ kind: 'read', reportedUnits: 2, bytes });
  });

  it('marks a failed conditional write as failed, with no reported capacity (the SDK error has none)', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    const stale = await consumed(() => store.replace(OWNER, { ...note, version: 2 }, 7));
    expect(stale.operations[0]).toMatchObject({ store: 'dynamodb', kind: 'write', failed: true });
    expect(stale.operations[0]!.reportedUnits).toBeUndefined();
    await expect(store.replace(OWNER, { ...note, version: 2 }, 7)).rejects.toBeInstanceOf(VersionMismatchError);
  });

  it('asks for nothing outside a reported request: no ConsumedCapacity on the wire', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    const out = await client.send(
      new GetItemCommand({ TableName: table, Key: { owner: { S: OWNER }, id: { S: note.id } } }),
    );
    expect(out.ConsumedCapacity).toBeUndefined();
    // Negative control: the same call inside a reported request does get it.
    let inside: unknown;
    await withConsumption(
      async () => {
        inside = (
          await client.send(new GetItemCommand({ TableName: table, Key: { owner: { S: OWNER }, id: { S: note.id } } }))
        ).ConsumedCapacity;
      },
      () => {},
    );
    expect(inside).toEqual(expect.objectContaining({ CapacityUnits: 0.5 }));
  });
});

describe('Cosmos request charge (cosmosdb-server)', () => {
  let emulator: CosmosEmulator;
  let client: CosmosClient;
  let container: Container;
  let store: CosmosNoteStore;
  beforeAll(async () => {
    emulator = await startCosmosEmulator();
    client = new CosmosClient({ ...cosmosClientOptions(emulator.settings), ...{ plugins: [requestChargePlugin] } }); // as handlers/azure/clients.ts adds it
    const { database } = await client.databases.createIfNotExists({ id: 'cost' });
    ({ container } = await database.containers.create({
      id: `n-${randomUUID()}`,
      partitionKey: { paths: [COSMOS_CONTAINERS.notes.partitionKeyPath] },
      defaultTtl: -1,
    }));
    store = new CosmosNoteStore(container);
  });
  afterAll(async () => {
    client.dispose();
    await emulator.stop();
  });

  it('records every item request with the x-ms-request-charge the emulator sent', async () => {
    const note = sampleNote();
    const create = await consumed(() => store.create(OWNER, note));
    expect(strip(create.operations)).toEqual([{ store: 'cosmos', kind: 'write', reportedUnits: 1 }]);
    expect(create.operations[0]!.bytes).toBeGreaterThan(JSON.stringify(note).length);
    // A replace is a read (for the version and etag) and a conditional replace.
    const replace = await consumed(() => store.replace(OWNER, { ...note, version: 2 }, 1));
    expect(strip(replace.operations)).toEqual([
      { store: 'cosmos', kind: 'read', reportedUnits: 1 },
      { store: 'cosmos', kind: 'write', reportedUnits: 1 },
    ]);
    const list = await consumed(() => store.list(OWNER, { limit: 2 }));
    expect(list.operations.map((o) => o.kind)).toContain('query');
  });

  it('records a missing item (404) as a failed read, still charged', async () => {
    const missing = await consumed(() => store.get(OWNER, sampleNote().id));
    expect(missing.operations).toEqual([expect.objectContaining({ store: 'cosmos', kind: 'read', failed: true })]);
  });

  it('records only the reported request, not a concurrent unreported one', async () => {
    const existing = sampleNote();
    await store.create(OWNER, existing);
    // Negative control inside: the create runs at the same time, outside any reported request.
    const [reported] = await Promise.all([
      consumed(() => store.get(OWNER, existing.id)),
      store.create(OWNER, sampleNote()),
    ]);
    expect(reported.operations.map((o) => o.kind)).toEqual(['read']);
  });
});

describe('the consumption header', () => {
  const app = (reportConsumption?: boolean) =>
    createApp({
      auth: noSignIn(),
      notes: new MemoryNoteStore(),
      activity: new MemoryActivityStore(),
      servedBy: 'local-aws',
      ...(reportConsumption !== undefined && { reportConsumption }),
    });

  it('is absent by default: nothing leaks to clients', async () => {
    const response = await app().request('/api/hello');
    expect(response.status).toBe(200);
    expect(response.headers.get(CONSUMPTION_HEADER)).toBeNull();
  });

  it('is present when the stack asks for it, on every answer including errors', async () => {
    for (const path of ['/api/hello', '/api/notes/not-an-id', '/api/no-such-route']) {
      const response = await app(true).request(path);
      const header = response.headers.get(CONSUMPTION_HEADER);
      expect(header).not.toBeNull();
      const value = JSON.parse(header!) as Consumption;
      expect(value.operations).toEqual([]); // memory stores call no SDK
      expect(value.durationMs).toBeGreaterThanOrEqual(0);
    }
  });
});
