// DynamoDB Streams → CloudEvents → EventBridge: the real stream fixtures, fixture-shaped records of
// real notes, and the publisher entry against a loopback server standing in for EventBridge.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../handlers/aws/event-publisher';
import { changeToEvent } from '../../handlers/core/events';
import { handler } from '../../handlers/aws/publisher';
import { DynamoNoteStore } from '../../handlers/aws/note-store';
import { publishStreamBatch } from '../../handlers/aws/stream-batch';
import { createLogger, silentSink } from '../../handlers/core/log';
import { NotANoteChangeError, recordToChange } from '../../handlers/aws/stream-records';
import { AWS_ENV, EVENTBRIDGE_SOURCE, notesTableSchema } from '../../contract/aws';
import type { Note, NoteEvent } from '../../handlers/core/ports';
import { sampleNote } from '../contract/note-store-contract';
import { setLambdaEnv } from './support/aws-env';
import { DUMMY_CREDENTIALS, type Dynalite, startDynalite } from './support/dynalite';
import { type FakeAws, type FakeReply, type SeenRequest, startFakeAws } from './support/fake-aws';
import { fixtureNames, loadFixture } from './support/fixtures';
import { NOTE_EVENT_SOURCE, type NoteChangeKind, noteEventType } from '../../contract/events';

const STREAM_DIR = 'aws-dynamodb-stream';
const streamFixture = (file: string) => loadFixture<DynamoDBStreamEvent>(STREAM_DIR, file);

/** Collects published events; never fails. */
function collectingPublisher() {
  const published: NoteEvent[] = [];
  return { published, publish: async (events: NoteEvent[]) => void published.push(...events) };
}

// The publisher's info lines ("publisher: published") go to the console by default; not this file's subject.
let infoLines: jest.SpyInstance;
beforeEach(() => (infoLines = jest.spyOn(console, 'log').mockImplementation(() => {})));
afterEach(() => infoLines.mockRestore());

let db: Dynalite;
let table: string;
let store: DynamoNoteStore;
beforeAll(async () => {
  db = await startDynalite();
  table = await db.createTable(notesTableSchema, 'stream');
  store = new DynamoNoteStore(db.client, table);
});
afterAll(async () => {
  await db.close();
});

/** The item exactly as DynamoDB holds it (what a stream image carries), written by the real store. */
async function storedItem(note: Note) {
  const { Item } = await db.client.send(
    new GetItemCommand({ TableName: table, Key: { owner: { S: OWNER }, id: { S: note.id } } }),
  );
  return Item as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
}

/** The java-libs INSERT/MODIFY/REMOVE fixture with its images replaced by a real note's items. */
async function noteLifecycleEvent(): Promise<{ event: DynamoDBStreamEvent; v1: Note; v2: Note }> {
  const v1 = sampleNote({ createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' });
  await store.create(OWNER, v1);
  const item1 = await storedItem(v1);
  const v2: Note = { ...v1, title: 'renamed', version: 2, updatedAt: '2026-03-01T10:05:00.500Z' };
  await store.replace(OWNER, v2, 1);
  const item2 = await storedItem(v2);
  const event = streamFixture('java-libs_insert-modify-remove.json');
  const [insert, modify, remove] = event.Records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
  const keys = { owner: { S: OWNER }, id: { S: v1.id } };
  insert.dynamodb = { ...insert.dynamodb, Keys: keys, NewImage: item1 };
  modify.dynamodb = { ...modify.dynamodb, Keys: keys, OldImage: item1, NewImage: item2 };
  remove.dynamodb = { ...remove.dynamodb, Keys: keys, OldImage: item2 };
  return { event, v1, v2 };
}

function expectedEvent(note: Note, kind: NoteChangeKind, time: string): NoteEvent {
  return {
    specversion: '1.0',
    id: `${note.id}.v${note.version}.${kind}`,
    source: NOTE_EVENT_SOURCE,
    type: noteEventType(kind),
    subject: note.id,
    owner: OWNER,
    time,
    datacontenttype: 'application/json',
    data: { note },
  };
}

describe('stream records from the real fixtures (other tables, not notes)', () => {
  const records = fixtureNames(STREAM_DIR).flatMap((file) =>
    streamFixture(file).Records.map((record) => [`${file} ${record.eventName} ${record.eventID}`, record] as const),
  );

  it.each(records)('%s is refused with an error naming the record and what is wrong', (_label, record) => {
    const error = (() => {
      try {
        recordToChange(record);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NotANoteChangeError);
    const message = (error as Error).message;
    expect(message).toContain(`stream record ${record.eventID} is not a note change`);
    expect(message).toMatch(/owner is missing; id is missing; title is missing/);
    expect(message).toMatch(/unexpected attributes \w/);
  });

  it.each(fixtureNames(STREAM_DIR))(
    '%s: the batch reports every record as failed, publishes nothing, and does not throw',
    async (file) => {
      const event = streamFixture(file);
      const publisher = collectingPublisher();
      const logged: string[] = [];
      const log = createLogger(
        'aws',
        (line) => line.level === 'error' && logged.push(`${String(line.message)}: ${String(line.errorMessage)}`),
      );
      const result = await publishStreamBatch(event.Records, publisher, log);
      expect(result.batchItemFailures).toEqual(
        event.Records.map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber })),
      );
      expect(publisher.published).toEqual([]);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(`stream record ${event.Records[0]!.eventID} is not a note change`);
    },
  );
});

describe('fixture-shaped records of a real note', () => {
  it('map INSERT/MODIFY/REMOVE to created/updated/deleted CloudEvents with the right times', async () => {
    const { event, v1, v2 } = await noteLifecycleEvent();
    const publisher = collectingPublisher();
    const result = await publishStreamBatch(event.Records, publisher);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(publisher.published).toEqual([
      expectedEvent(v1, 'created', v1.updatedAt),
      expectedEvent(v2, 'updated', v2.updatedAt),
      // The fixture's ApproximateCreationDateTime (1428537600 s, in 2015) is before the last write,
      // so the delete is dated one millisecond after that write.
      expectedEvent(v2, 'deleted', new Date(Date.parse(v2.updatedAt) + 1).toISOString()),
    ]);
  });

  it('dates a delete by the stream commit time when that is after the last write', async () => {
    const { event, v2 } = await noteLifecycleEvent();
    const remove = event.Records[2]!;
    const commitSeconds = Math.floor(Date.parse(v2.updatedAt) / 1000) + 5;
    remove.dynamodb!.ApproximateCreationDateTime = commitSeconds;
    const publisher = collectingPublisher();
    await publishStreamBatch([remove], publisher);
    expect(publisher.published).toEqual([expectedEvent(v2, 'deleted', new Date(commitSeconds * 1000).toISOString())]);
  });

  it('dates a delete committed in the same second as the last write after that write', async () => {
    const { event, v2 } = await noteLifecycleEvent();
    const remove = event.Records[2]!;
    // Streams round the commit time down to the second: it can read as earlier than the update.
    remove.dynamodb!.ApproximateCreationDateTime = Math.floor(Date.parse(v2.updatedAt) / 1000);
    const publisher = collectingPublisher();
    await publishStreamBatch([remove], publisher);
    expect(Date.parse(publisher.published[0]!.time)).toBeGreaterThan(Date.parse(v2.updatedAt));
  });

  it('publishes the records before a bad one and reports the bad one and every later one', async () => {
    const { event, v1 } = await noteLifecycleEvent();
    const foreign = streamFixture('lambda-go_tumbling-window-insert-modify-remove.json').Records[1]!;
    const records = [event.Records[0]!, foreign, event.Records[1]!, event.Records[2]!];
    const publisher = collectingPublisher();
    const result = await publishStreamBatch(records, publisher, createLogger('aws', silentSink));
    expect(publisher.published.map((e) => e.id)).toEqual([`${v1.id}.v1.created`]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      records.slice(1).map((r) => r.dynamodb!.SequenceNumber),
    );
  });

  it('refuses a REMOVE without ApproximateCreationDateTime and a MODIFY without NewImage', async () => {
    const { event } = await noteLifecycleEvent();
    const remove = structuredClone(event.Records[2]!);
    delete remove.dynamodb!.ApproximateCreationDateTime;
    expect(() => recordToChange(remove)).toThrow(/REMOVE without ApproximateCreationDateTime/);
    const modify = structuredClone(event.Records[1]!);
    delete modify.dynamodb!.NewImage;
    expect(() => recordToChange(modify)).toThrow(/has no NewImage \(the stream must be NEW_AND_OLD_IMAGES\)/);
  });
});

describe('the publisher entry against a loopback EventBridge (real @aws-sdk/client-eventbridge)', () => {
  let fake: FakeAws;
  let reply: (request: SeenRequest, index: number) => FakeReply;
  let restoreEnv: () => void;
  let errors: jest.SpyInstance;
  const accepted = (request: SeenRequest): FakeReply => {
    const entries = (request.body as { Entries: unknown[] }).Entries;
    return { status: 200, body: { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `eb-${i}` })) } };
  };

  beforeAll(async () => {
    fake = await startFakeAws((request, index) => reply(request, index));
    // The endpoint reaches the SDK only through the variable the SDK reads itself.
    restoreEnv = setLambdaEnv({ [AWS_ENV.eventBus]: 'notes-bus', AWS_ENDPOINT_URL_EVENTBRIDGE: fake.endpoint });
  });
  afterAll(async () => {
    restoreEnv();
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    reply = accepted;
    errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => errors.mockRestore());

  /** n created-records of real notes, with increasing sequence numbers. */
  async function createdRecords(n: number): Promise<{ records: DynamoDBRecord[]; notes: Note[] }> {
    const template = streamFixture('java-libs_insert-modify-remove.json').Records[0]!;
    const notes: Note[] = [];
    const records: DynamoDBRecord[] = [];
    for (let i = 0; i < n; i++) {
      const note = sampleNote({ title: `note ${i}` });
      await store.create(OWNER, note);
      notes.push(note);
      const record = structuredClone(template);
      record.eventID = `event-${i}`;
      record.dynamodb = {
        ...record.dynamodb,
        Keys: { owner: { S: OWNER }, id: { S: note.id } },
        NewImage: await storedItem(note),
        SequenceNumber: String(1000 + i),
      };
      records.push(record);
    }
    return { records, notes };
  }

  it('sends every event as one entry: source, detail-type, the CloudEvent as detail, the bus from env', async () => {
    const { records, notes } = await createdRecords(2);
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.target).toBe('AWSEvents.PutEvents');
    const entries = (fake.requests[0]!.body as { Entries: Array<Record<string, unknown>> }).Entries;
    expect(entries.map((e) => ({ ...e, Detail: JSON.parse(e.Detail as string) }))).toEqual(
      notes.map((note) => ({
        EventBusName: 'notes-bus',
        Source: EVENTBRIDGE_SOURCE,
        DetailType: noteEventType('created'),
        Detail: expectedEvent(note, 'created', note.updatedAt),
        Time: Date.parse(note.updatedAt) / 1000, // awsJson encodes timestamps as epoch seconds
      })),
    );
  });

  it('sends at most 10 entries per request, in order', async () => {
    const { records, notes } = await createdRecords(23);
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    const sizes = fake.requests.map((r) => (r.body as { Entries: unknown[] }).Entries.length);
    expect(sizes).toEqual([10, 10, 3]);
    const subjects = fake.requests.flatMap((r) =>
      (r.body as { Entries: Array<{ Detail: string }> }).Entries.map(
        (e) => (JSON.parse(e.Detail) as NoteEvent).subject,
      ),
    );
    expect(subjects).toEqual(notes.map((n) => n.id));
  });

  it('reports the first failed entry (FailedEntryCount > 0) and every later record, and logs which events failed', async () => {
    const { records, notes } = await createdRecords(14);
    reply = (request, index) => {
      if (index === 0) return accepted(request);
      const entries = (request.body as { Entries: unknown[] }).Entries;
      return {
        status: 200,
        body: {
          FailedEntryCount: 1,
          Entries: entries.map((_, i) =>
            i === 2 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' } : { EventId: `eb-${i}` },
          ),
        },
      };
    };
    const result = await handler({ Records: records });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      records.slice(12).map((r) => r.dynamodb!.SequenceNumber),
    );
    const logged = errors.mock.calls.map((call) => String(call[0])).join('\n');
    expect(logged).toContain(`${notes[12]!.id}.v1.created (InternalFailure: try again)`);
  });

  it('reports the whole batch when EventBridge refuses the request (no such bus)', async () => {
    const { records } = await createdRecords(3);
    reply = () => ({
      status: 400,
      body: { __type: 'ResourceNotFoundException', message: 'Event bus notes-bus does not exist.' },
    });
    const result = await handler({ Records: records });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['1000', '1001', '1002']);
    expect(errors.mock.calls.map((call) => String(call[0])).join('\n')).toContain(
      'Event bus notes-bus does not exist.',
    );
  });

  it('sends nothing for an empty batch', async () => {
    expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
    expect(fake.requests).toEqual([]);
  });
});

describe('EventBridgePublisher request sizes', () => {
  it('keeps each PutEvents request under 256 KB, splitting before 10 entries when events are large', async () => {
    const fake = await startFakeAws((request) => {
      const entries = (request.body as { Entries: unknown[] }).Entries;
      return { status: 200, body: { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: 'x' })) } };
    });
    const client = new EventBridgeClient({
      region: 'us-east-1',
      endpoint: fake.endpoint,
      credentials: DUMMY_CREDENTIALS,
    });
    try {
      // 10 000 control characters: each is 6 bytes in JSON (\u0001), so one Detail is about 60 KB.
      const events = Array.from({ length: 10 }, () =>
        changeToEvent({
          owner: OWNER,
          kind: 'created',
          note: sampleNote({ body: '\u0001'.repeat(10_000) }),
          time: new Date().toISOString(),
        }),
      );
      await new EventBridgePublisher(client, 'bus').publish(events);
      const requests = fake.requests.map((r) => (r.body as { Entries: Array<{ Detail: string }> }).Entries);
      expect(requests.flat()).toHaveLength(10);
      expect(requests.length).toBeGreaterThan(1);
      for (const entries of requests) {
        const bytes = entries.reduce((sum, e) => sum + Buffer.byteLength(e.Detail) + 14 + 26 + 24, 0);
        expect(bytes).toBeLessThan(256 * 1024);
      }
    } finally {
      client.destroy();
      await fake.close();
    }
  });
});
