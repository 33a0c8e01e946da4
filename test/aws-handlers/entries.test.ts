// The three Lambda entries as Lambda runs them: configuration from the environment only (table names,
// bus name, and the endpoints through AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_EVENTBRIDGE, which the
// SDK reads itself), against dynalite and a loopback EventBridge.
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import type { DynamoDBRecord, EventBridgeEvent } from 'aws-lambda';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { handler as api } from '../../handlers/aws/api';
import { handler as publisher } from '../../handlers/aws/publisher';
import { handler as subscriber } from '../../handlers/aws/subscriber';
import { DynamoActivityStore } from '../../handlers/aws/activity-store';
import { activityTableSchema, AWS_ENV, EVENTBRIDGE_SOURCE, notesTableSchema } from '../../contract/aws';
import { SERVED_BY_SETTING } from '../../contract/served-by';
import { MissingSettingError } from '../../handlers/core/settings';
import { changeToEvent, InvalidNoteEventError } from '../../handlers/core/events';
import type { Note, NoteEvent } from '../../handlers/core/ports';
import { sampleNote } from '../contract/note-store-contract';
import { setLambdaEnv } from './support/aws-env';
import { type Dynalite, startDynalite } from './support/dynalite';
import { type FakeAws, startFakeAws } from './support/fake-aws';
import { fixtureNames, loadFixture } from './support/fixtures';
import { expectValidV2Result, jsonOf, v2Request } from './support/v2-events';
import { noteEventType } from '../../contract/events';

const BUS_DIR = 'aws-eventbridge';

let db: Dynalite;
let bus: FakeAws;
let notesTable: string;
let activityTable: string;
let restoreEnv: () => void;
let log: jest.SpyInstance;

beforeAll(async () => {
  db = await startDynalite();
  notesTable = await db.createTable(notesTableSchema, 'notes');
  activityTable = await db.createTable(activityTableSchema, 'activity');
  bus = await startFakeAws((request) => {
    const entries = (request.body as { Entries: unknown[] }).Entries;
    return { status: 200, body: { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `eb-${i}` })) } };
  });
  restoreEnv = setLambdaEnv({
    [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
    [AWS_ENV.notesTable]: notesTable,
    [AWS_ENV.activityTable]: activityTable,
    [AWS_ENV.eventBus]: 'notes-bus',
    [SERVED_BY_SETTING]: 'local-aws',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
  });
});
afterAll(async () => {
  restoreEnv();
  await bus.close();
  await db.close();
});
beforeEach(() => {
  log = jest.spyOn(console, 'log').mockImplementation(() => {}); // the api's request log lines
});
afterEach(() => log.mockRestore());

const activityStore = () => new DynamoActivityStore(db.client, activityTable);
const activityCount = async () =>
  (await db.client.send(new ScanCommand({ TableName: activityTable, Select: 'COUNT', ConsistentRead: true }))).Count;

/** An EventBridge delivery as the rule target receives it: a real fixture's envelope around our CloudEvent. */
function delivery(detail: unknown): EventBridgeEvent<string, unknown> {
  const envelope = loadFixture<EventBridgeEvent<string, unknown>>(BUS_DIR, 'powertools-ts_custom-order-purchased.json');
  const type = (detail as Partial<NoteEvent>).type ?? 'unknown';
  return { ...envelope, source: EVENTBRIDGE_SOURCE, 'detail-type': type, detail };
}

describe('api entry (DynamoDB through AWS_ENDPOINT_URL_DYNAMODB, SERVED_BY from env)', () => {
  it('creates, reads, lists, replaces and deletes a note', async () => {
    const created = await api(v2Request('POST', '/api/notes', { body: { title: 'stored in dynalite', body: 'b' } }));
    expectValidV2Result(created);
    expect(created.statusCode).toBe(201);
    expect(created.headers?.['x-served-by']).toBe('local-aws');
    const note = jsonOf(created) as Note;

    const got = await api(v2Request('GET', `/api/notes/${note.id}`));
    expect(jsonOf(got)).toEqual(note);
    const listed = jsonOf(await api(v2Request('GET', '/api/notes?limit=100'))) as { items: Note[] };
    expect(listed.items).toContainEqual(note);

    const put = await api(
      v2Request('PUT', `/api/notes/${note.id}`, { body: { title: 'v2', body: '' }, headers: { 'if-match': '1' } }),
    );
    expect(put.statusCode).toBe(200);
    const stale = await api(
      v2Request('PUT', `/api/notes/${note.id}`, { body: { title: 'v3', body: '' }, headers: { 'if-match': '1' } }),
    );
    expect(stale.statusCode).toBe(412);
    expect(
      (await api(v2Request('DELETE', `/api/notes/${note.id}`, { headers: { 'if-match': '"1"' } }))).statusCode,
    ).toBe(412);
    expect(
      (await api(v2Request('DELETE', `/api/notes/${note.id}`, { headers: { 'if-match': '"2"' } }))).statusCode,
    ).toBe(204);
    expect((await api(v2Request('GET', `/api/notes/${note.id}`))).statusCode).toBe(404);
    expect((await api(v2Request('DELETE', `/api/notes/${note.id}`))).statusCode).toBe(404);
  });

  it('answers health from the table and refuses a foreign cursor with 400', async () => {
    expect(jsonOf(await api(v2Request('GET', '/api/health')))).toEqual({ status: 'ok' });
    const foreign = Buffer.from(JSON.stringify({ after: 'x' })).toString('base64url');
    expect((await api(v2Request('GET', `/api/notes?cursor=${foreign}`))).statusCode).toBe(400);
  });
});

describe('subscriber entry', () => {
  it.each(fixtureNames(BUS_DIR))(
    'refuses %s (not a note event) with a clear error and records nothing',
    async (file) => {
      const event = loadFixture<EventBridgeEvent<string, unknown>>(BUS_DIR, file);
      const before = await activityCount();
      const error = await subscriber(event).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidNoteEventError);
      expect((error as Error).message).toMatch(/^not a note event: specversion is required; /);
      expect((error as Error).message).toContain('source is required');
      expect(await activityCount()).toBe(before);
    },
  );

  it('refuses a note event with a broken note, and records nothing', async () => {
    const note = sampleNote();
    const event = changeToEvent({ owner: OWNER, kind: 'created', note, time: note.updatedAt });
    const broken = { ...event, data: { note: { ...note, version: 0 } } };
    await expect(subscriber(delivery(broken))).rejects.toThrow(/data\.note\.version/);
    expect(await activityStore().list(OWNER, note.id)).toEqual([]);
  });

  it('records a note event once even when EventBridge delivers it twice', async () => {
    const note = sampleNote();
    const event = changeToEvent({ owner: OWNER, kind: 'created', note, time: note.updatedAt });
    await subscriber(delivery(event));
    await subscriber(delivery(structuredClone(event)));
    expect(await activityStore().list(OWNER, note.id)).toEqual([
      {
        eventId: `${note.id}.v1.created`,
        type: noteEventType('created'),
        noteId: note.id,
        version: 1,
        time: note.updatedAt,
      },
    ]);
  });
});

describe('the three entries chained: api write → stream record → publisher → bus → subscriber → api read', () => {
  it("shows the created note's event as its activity", async () => {
    const note = jsonOf(await api(v2Request('POST', '/api/notes', { body: { title: 'chained', body: '' } }))) as Note;

    // What DynamoDB Streams would deliver for that write: the stored item as the INSERT's NewImage.
    const { Item } = await db.client.send(
      new GetItemCommand({ TableName: notesTable, Key: { owner: { S: OWNER }, id: { S: note.id } } }),
    );
    const template = loadFixture<{ Records: DynamoDBRecord[] }>(
      'aws-dynamodb-stream',
      'java-libs_insert-modify-remove.json',
    ).Records[0]!;
    const record: DynamoDBRecord = {
      ...template,
      dynamodb: {
        ...template.dynamodb,
        Keys: { id: { S: note.id } },
        NewImage: Item as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      },
    };
    bus.requests.length = 0;
    expect(await publisher({ Records: [record] })).toEqual({ batchItemFailures: [] });

    const [entry] = (
      bus.requests[0]!.body as { Entries: Array<{ Source: string; DetailType: string; Detail: string }> }
    ).Entries;
    await subscriber({
      ...delivery(JSON.parse(entry!.Detail)),
      source: entry!.Source,
      'detail-type': entry!.DetailType,
    });

    const activity = await api(v2Request('GET', `/api/notes/${note.id}/activity`));
    expect(jsonOf(activity)).toEqual({
      items: [
        {
          eventId: `${note.id}.v1.created`,
          type: noteEventType('created'),
          noteId: note.id,
          version: 1,
          time: note.createdAt,
        },
      ],
    });
  });
});

describe('entry configuration errors', () => {
  /** The api entry loaded afresh (its app is built once per container, on the first request). */
  async function freshApi(env: Record<string, string | undefined>) {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(env)) v === undefined ? delete process.env[k] : (process.env[k] = v);
    try {
      let fresh: typeof api | undefined;
      jest.isolateModules(() => {
        fresh = (require('../../handlers/aws/api') as { handler: typeof api }).handler;
      });
      return await fresh!(v2Request('GET', '/api/health')).catch((e: unknown) => e);
    } finally {
      for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
    }
  }

  it('names a missing table variable', async () => {
    expect(await freshApi({ [AWS_ENV.notesTable]: undefined })).toEqual(new MissingSettingError(AWS_ENV.notesTable));
  });

  it('refuses a SERVED_BY that is not an AWS target', async () => {
    expect(await freshApi({ [SERVED_BY_SETTING]: 'azure' })).toEqual(
      new Error(`${SERVED_BY_SETTING} must be aws or local-aws, not "azure"`),
    );
  });
});
