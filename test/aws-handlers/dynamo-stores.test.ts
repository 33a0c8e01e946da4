// The DynamoDB stores against dynalite (real SDK, loopback only), plus the answers dynalite never
// gives (old item on a failed condition, throttling) from a fake DynamoDB endpoint.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
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
import { noteEventType } from '../../contract/events';
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

noteStoreContract(
  'DynamoDB (dynalite)',
  freshStore(notesTableSchema, (c, t) => new DynamoNoteStore(c, t)),
);
activityStoreContract(
  'DynamoDB (dynalite)',
  freshStore(activityTableSchema, (c, t) => new DynamoActivityStore(c, t)),
);

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
  it('creates the table keyed by owner + id, with no index, on demand', async () => {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'owner', KeyType: 'HASH' },
      { AttributeName: 'id', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('stores exactly the note plus its owner, whatever extra properties the object carries', async () => {
    const note = sampleNote();
    await store.create(OWNER, { ...note, extra: 'not stored' } as typeof note);
    expect(await store.get(OWNER, note.id)).toEqual(note);
    const { Item } = await db.client.send(
      new GetItemCommand({ TableName: table, Key: marshall({ owner: OWNER, id: note.id }) }),
    );
    expect(Object.keys(Item!).sort()).toEqual(['body', 'createdAt', 'id', 'owner', 'title', 'updatedAt', 'version']);
  });

  it('refuses to create a note whose id exists, and keeps the first', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    await expect(store.create(OWNER, { ...note, title: 'second' })).rejects.toThrow(`note ${note.id} already exists`);
    expect(await store.get(OWNER, note.id)).toEqual(note);
  });

  it('issues a cursor that holds the table key and ends the list without a cursor on an exact fit', async () => {
    const notes = [sampleNote(), sampleNote(), sampleNote()];
    for (const n of notes) await store.create(OWNER, n);
    const first = await store.list(OWNER, { limit: 2 });
    expect(JSON.parse(Buffer.from(first.nextCursor!, 'base64url').toString('utf8'))).toEqual({
      owner: OWNER,
      id: notes[1]!.id,
    });
    const exact = await store.list(OWNER, { limit: 3 });
    expect(exact.items).toEqual(notes);
    expect(exact.nextCursor).toBeUndefined();
  });

  it.each([
    ['another owner', { owner: 'someone|else', id: newNoteId() }],
    ['an id that is no note id', { owner: OWNER, id: 'zzz' }],
    ['an extra key', { owner: OWNER, id: newNoteId(), more: 1 }],
    ["the memory store's shape", { owner: OWNER, after: newNoteId() }],
    ['the old index key', { kind: 'note', id: newNoteId() }],
    ['an array', [OWNER, newNoteId()]],
  ])('refuses a well-encoded cursor with %s', async (_label, value) => {
    await store.create(OWNER, sampleNote());
    await expect(store.list(OWNER, { limit: 5, cursor: encodeCursor(value) })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('refuses to read an item that is not a note, saying what is wrong', async () => {
    const id = newNoteId();
    await db.client.send(new PutItemCommand({ TableName: table, Item: marshall({ owner: OWNER, id, title: 7 }) }));
    await expect(store.get(OWNER, id)).rejects.toThrow(
      /item is not a note: .*title is not a string.*version is missing/,
    );
  });
});

describe('DynamoDB stores read one partition per call', () => {
  // Every command the stores send to dynalite, by route: no Scan, no index, a list is one Query on the owner.
  it('sends no Scan and names no index; a list is one Query whose key condition is the owner', async () => {
    const notesTable = await db.createTable(notesTableSchema, 'calls');
    const activityTable = await db.createTable(activityTableSchema, 'calls');
    const sent: { command: string; input: Record<string, unknown> }[] = [];
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: db.endpoint, credentials: DUMMY_CREDENTIALS });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push({ command: String(context.commandName), input: args.input as Record<string, unknown> });
        return next(args);
      },
      { step: 'initialize', name: 'captureCommands' },
    );
    try {
      const store = new DynamoNoteStore(client, notesTable);
      const activity = new DynamoActivityStore(client, activityTable);
      const note = sampleNote();
      const route = async (name: string, call: () => Promise<unknown>) => {
        const from = sent.length;
        await call();
        return [name, sent.slice(from).map((s) => s.command)] as const;
      };
      const routes = [
        await route('create', () => store.create(OWNER, note)),
        await route('get', () => store.get(OWNER, note.id)),
        await route('list', () => store.list(OWNER, { limit: 20 })),
        await route('replace', () => store.replace(OWNER, { ...note, version: 2 }, 1)),
        await route('remove', () => store.remove(OWNER, note.id)),
        await route('record', () =>
          activity.record(OWNER, {
            eventId: `${note.id}.v1.created`,
            type: noteEventType('created'),
            noteId: note.id,
            version: 1,
            time: note.createdAt,
          }),
        ),
        await route('activity', () => activity.list(OWNER, note.id)),
      ];
      expect(Object.fromEntries(routes)).toEqual({
        create: ['PutItemCommand'],
        get: ['GetItemCommand'],
        list: ['QueryCommand'],
        replace: ['PutItemCommand'],
        remove: ['DeleteItemCommand'],
        record: ['PutItemCommand'],
        activity: ['QueryCommand'],
      });
      expect(sent.some((s) => s.command === 'ScanCommand' || 'IndexName' in s.input)).toBe(false);
      const queries = sent.filter((s) => s.command === 'QueryCommand').map((s) => s.input);
      expect(
        queries.map((q) => [
          q.KeyConditionExpression,
          (q.ExpressionAttributeValues as Record<string, unknown>)[':owner'],
        ]),
      ).toEqual([
        ['#owner = :owner', { S: OWNER }],
        ['#owner = :owner AND begins_with(#key, :note)', { S: OWNER }],
      ]);
      console.log(`DynamoDB commands per store operation: ${JSON.stringify(Object.fromEntries(routes))}`);
    } finally {
      client.destroy();
      await db.deleteTable(notesTable);
      await db.deleteTable(activityTable);
    }
  });
});

describe('DynamoDB stores when DynamoDB does not answer', () => {
  it('turn a refused connection into StoreUnavailableError, ping included', async () => {
    const gone = await startFakeAws(() => ({ status: 200, body: {} }));
    await gone.close(); // the port is now closed: ECONNREFUSED
    const notes = new DynamoNoteStore(fakeClient(gone.endpoint), 'notes');
    const activity = new DynamoActivityStore(fakeClient(gone.endpoint), 'activity');
    await expect(notes.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.get(OWNER, newNoteId())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.list(OWNER, { limit: 5 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.create(OWNER, sampleNote())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(notes.remove(OWNER, newNoteId(), 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(activity.list(OWNER, newNoteId())).rejects.toBeInstanceOf(StoreUnavailableError);
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
      const error = await notes.replace(OWNER, sampleNote({ version: 2 }), 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).cause).toBeDefined();
      await expect(
        activity.record(OWNER, { eventId: 'e', type: 't', noteId: 'n', version: 1, time: 't' }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await fake.close();
    }
  });

  it('passes a validation error through unchanged (a bug, not an outage)', async () => {
    const fake = await startFakeAws(() => ({
      status: 400,
      body: {
        __type: 'com.amazon.coral.validate#ValidationException',
        message: 'One or more parameter values were invalid',
      },
    }));
    try {
      const error = await new DynamoNoteStore(fakeClient(fake.endpoint), 'notes')
        .get(OWNER, newNoteId())
        .catch((e: unknown) => e);
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
        Item: noteToItem(OWNER, current),
      },
    }));
    try {
      const store = new DynamoNoteStore(fakeClient(fake.endpoint), 'notes');
      const replaceError = await store.replace(OWNER, { ...current, version: 3 }, 2).catch((e: unknown) => e);
      expect(replaceError).toBeInstanceOf(VersionMismatchError);
      expect(replaceError).toMatchObject({ id: current.id, expected: 2, actual: 4 });
      const removeError = await store.remove(OWNER, current.id, 2).catch((e: unknown) => e);
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
