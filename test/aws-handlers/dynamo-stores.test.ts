// The DynamoDB stores against dynalite (real SDK, loopback only), plus the answers dynalite never
// gives (old item on a failed condition, throttling) from a fake DynamoDB endpoint.
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { encodeCursor } from '../../handlers/core/cursor';
import { newNoteId } from '../../handlers/core/ids';
import { InvalidCursorError, StoreUnavailableError, VersionMismatchError } from '../../handlers/core/ports';
import { DynamoActivityStore } from '../../handlers/aws/activity-store';
import { DynamoNoteStore } from '../../handlers/aws/note-store';
import { noteToItem } from '../../handlers/aws/stored-note';
import { activityTableSchema, notesTableSchema } from '../../contract/aws';
import { activityStoreContract } from '../contract/activity-store-contract';
import { noteStoreContract, sampleNote } from '../contract/note-store-contract';
import { DUMMY_CREDENTIALS, type Dynalite, startDynalite } from './support/dynalite';
import { startFakeAws } from './support/fake-aws';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

/** A fresh, empty table per test (dynalite creates and deletes tables instantly). */
function freshStore<S>(schema: typeof notesTableSchema, make: (client: DynamoDBClient, table: string) => S) {
  return async () => {
    const table = await db.createTable(schema, 'contract');
    return { store: make(db.client, table), teardown: () => db.deleteTable(table) };
  };
}

noteStoreContract('DynamoDB (dynalite)', freshStore(notesTableSchema, (c, t) => new DynamoNoteStore(c, t)));
activityStoreContract('DynamoDB (dynalite)', freshStore(activityTableSchema, (c, t) => new DynamoActivityStore(c, t)));

function fakeClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
}

describe('DynamoNoteStore specifics', () => {
  let table: string;
  let store: DynamoNoteStore;
  beforeEach(async () => {
    table = await db.createTable(notesTableSchema, 'notes');
    store = new DynamoNoteStore(db.client, table);
  });
  afterEach(async () => {
    await db.deleteTable(table);
  });

  // dynalite keeps no streams, so StreamSpecification cannot be read back here.
  it('creates the table with the schema\'s keys, list index and billing mode', async () => {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual([
      ['byKind', [{ AttributeName: 'kind', KeyType: 'HASH' }, { AttributeName: 'id', KeyType: 'RANGE' }]],
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('stores exactly the note plus kind, whatever extra properties the object carries', async () => {
    const note = sampleNote();
    await store.create({ ...note, extra: 'not stored' } as typeof note);
    expect(await store.get(note.id)).toEqual(note);
  });

  it('refuses to create a note whose id exists, and keeps the first', async () => {
    const note = sampleNote();
    await store.create(note);
    await expect(store.create({ ...note, title: 'second' })).rejects.toThrow(`note ${note.id} already exists`);
    expect(await store.get(note.id)).toEqual(note);
  });

  it('issues a cursor that holds the GSI key and ends the list without a cursor on an exact fit', async () => {
    const notes = [sampleNote(), sampleNote(), sampleNote()];
    for (const n of notes) await store.create(n);
    const first = await store.list({ limit: 2 });
    expect(JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString('utf8'))).toEqual({ kind: 'note', id: notes[1]!.id });
    const exact = await store.list({ limit: 3 });
    expect(exact.items).toEqual(notes);
    expect(exact.nextCursor).toBeUndefined();
  });

  it.each([
    ['another kind', { kind: 'other', id: newNoteId() }],
    ['an id that is no note id', { kind: 'note', id: 'zzz' }],
    ['an extra key', { kind: 'note', id: newNoteId(), more: 1 }],
    ['the memory store\'s shape', { after: newNoteId() }],
    ['an array', ['note', newNoteId()]],
  ])('refuses a well-encoded cursor with %s', async (_label, value) => {
    await store.create(sampleNote());
    await expect(store.list({ limit: 5, cursor: encodeCursor(value) })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('refuses to read an item that is not a note, saying what is wrong', async () => {
    const id = newNoteId();
    await db.client.send(new PutItemCommand({ TableName: table, Item: marshall({ id, kind: 'note', title: 7 }) }));
    await expect(store.get(id)).rejects.toThrow(/item is not a note: .*title is not a string.*version is missing/);
  });
});

describe('DynamoDB stores when DynamoDB does not answer', () => {
  it('turn a refused connection into StoreUnavailableError, ping included', async () => {
    const gone = await startFakeAws(() => ({ status: 200, body: {} }));
    await gone.close(); // the port is now closed: ECONNREFUSED
    const notes = new DynamoNoteStore(fakeClient(gone.endpoint), 'notes');
    const activity = new DynamoActivityStore(fakeClient(gone.endpoint), 'activity');
    await expect(notes.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.get(newNoteId())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.list({ limit: 5 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.create(sampleNote())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.remove(newNoteId(), 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(activity.list(newNoteId())).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    [400, 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'],
    [400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException'],
    [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError'],
    [503, 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable'],
  ])('turn HTTP %i %s into StoreUnavailableError', async (status, type) => {
    const fake = await startFakeAws(() => ({ status, body: { __type: type, message: 'slow down' } }));
    try {
      const notes = new DynamoNoteStore(fakeClient(fake.endpoint), 'notes');
      const activity = new DynamoActivityStore(fakeClient(fake.endpoint), 'activity');
      const error = await notes.replace(sampleNote({ version: 2 }), 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).cause).toBeDefined();
      await expect(activity.record({ eventId: 'e', type: 't', noteId: 'n', version: 1, time: 't' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await fake.close();
    }
  });

  it('passes a validation error through unchanged (a bug, not an outage)', async () => {
    const fake = await startFakeAws(() => ({
      status: 400,
      body: { __type: 'com.amazon.coral.validate#ValidationException', message: 'One or more parameter values were invalid' },
    }));
    try {
      const error = await new DynamoNoteStore(fakeClient(fake.endpoint), 'notes').get(newNoteId()).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).name).toBe('ValidationException');
    } finally {
      await fake.close();
    }
  });
});

describe('DynamoNoteStore on a DynamoDB that returns the old item with a failed condition', () => {
  it('asks for ALL_OLD and reports the current version from the error, with no second request', async () => {
    const current = sampleNote({ version: 4 });
    const fake = await startFakeAws(() => ({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
        Item: noteToItem(current),
      },
    }));
    try {
      const store = new DynamoNoteStore(fakeClient(fake.endpoint), 'notes');
      const replaceError = await store.replace({ ...current, version: 3 }, 2).catch((e: unknown) => e);
      expect(replaceError).toBeInstanceOf(VersionMismatchError);
      expect(replaceError).toMatchObject({ id: current.id, expected: 2, actual: 4 });
      const removeError = await store.remove(current.id, 2).catch((e: unknown) => e);
      expect(removeError).toMatchObject({ name: 'VersionMismatchError', actual: 4 });

      expect(fake.requests.map((r) => r.target)).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.DeleteItem']);
      for (const request of fake.requests) {
        expect(request.body).toMatchObject({ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      }
    } finally {
      await fake.close();
    }
  });
});
