// Change feed → CloudEvents → Event Grid: documents as the Cosmos store really writes them, mapped
// to changes, published by the real EventGridPublisherClient to a loopback stand-in for the topic.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import type { Container } from '@azure/cosmos';
import { AzureKeyCredential } from '@azure/eventgrid';
import { InvocationContext } from '@azure/functions';
import { documentToChange } from '../../handlers/azure/change-feed';
import { AZURE_SETTINGS, COSMOS_CONTAINERS } from '../../contract/azure';
import { MissingSettingError } from '../../handlers/core/settings';
import { createEventGridPublisher } from '../../handlers/azure/clients';
import { CosmosNoteStore } from '../../handlers/azure/note-store';
import { batchBySize, EventGridPublisher, MAX_BATCH_BYTES } from '../../handlers/azure/event-publisher';
import { createPublisherHandler } from '../../handlers/azure/publisher';
import { changeToEvent, parseNoteEvent } from '../../handlers/core/events';
import type { Note, NoteEvent } from '../../handlers/core/ports';
import { sampleNote } from '../contract/note-store-contract';
import { type CosmosEmulator, startCosmosEmulator } from './cosmos-emulator';
import { type EventGridStub, startEventGridStub } from './event-grid-stub';
import { noteEventType } from '../../contract/events';

const KEY = 'local-test-key';
const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../fixtures/cloudevents/schema_cloudevents.json'), 'utf8')) as {
  required: string[];
};

function contextCollectingLogs(): { context: InvocationContext; logs: { level: string; text: string }[] } {
  const logs: { level: string; text: string }[] = [];
  const context = new InvocationContext({
    functionName: 'publisher',
    logHandler: (level, ...args) => logs.push({ level, text: args.join(' ') }),
  });
  return { context, logs };
}

/** The raw documents (system properties and all) that the store leaves after create, update and delete. */
async function documentsOfALifecycle(
  container: Container,
): Promise<{ created: unknown; updated: unknown; deleted: unknown; note: Note; v2: Note }> {
  const store = new CosmosNoteStore(container);
  const note = sampleNote();
  const raw = async () => (await container.item(note.id, OWNER).read()).resource as unknown;
  await store.create(OWNER, note);
  const created = await raw();
  const v2: Note = {
    ...note,
    title: 'v2',
    version: 2,
    updatedAt: new Date(Date.parse(note.updatedAt) + 1000).toISOString(),
  };
  await store.replace(OWNER, v2, 1);
  const updated = await raw();
  await store.remove(OWNER, note.id);
  const deleted = await raw();
  return { created, updated, deleted, note, v2 };
}

let emulator: CosmosEmulator;
let container: Container;
beforeAll(async () => {
  emulator = await startCosmosEmulator();
  const { database } = await emulator.client.databases.createIfNotExists({ id: 'app' });
  ({ container } = await database.containers.create({
    id: `notes-${randomUUID()}`,
    partitionKey: { paths: [COSMOS_CONTAINERS.notes.partitionKeyPath] },
    defaultTtl: -1,
  }));
});
afterAll(async () => emulator.stop());

describe('change feed documents → NoteChange', () => {
  it('maps a created, an updated and a soft-deleted document, without Cosmos properties or markers', async () => {
    const { created, updated, deleted, note, v2 } = await documentsOfALifecycle(container);
    expect(Object.keys(created as object)).toEqual(expect.arrayContaining(['_rid', '_etag', '_ts', '_self']));
    expect(documentToChange(created)).toEqual({ kind: 'created', owner: OWNER, note, time: note.updatedAt });
    expect(documentToChange(updated)).toEqual({ kind: 'updated', owner: OWNER, note: v2, time: v2.updatedAt });
    const change = documentToChange(deleted);
    expect(change).toEqual({
      kind: 'deleted',
      owner: OWNER,
      note: v2,
      time: (deleted as { deletedAt: string }).deletedAt,
    });
    expect(Object.keys(change.note).sort()).toEqual(['body', 'createdAt', 'id', 'title', 'updatedAt', 'version']);
  });

  it('takes the delete time from _ts when a marker has no deletedAt', () => {
    const note = sampleNote();
    const change = documentToChange({ ...note, owner: OWNER, deleted: true, ttl: 86400, _ts: 1767225600, _lsn: 7 });
    expect(change).toEqual({ kind: 'deleted', owner: OWNER, note, time: '2026-01-01T00:00:00.000Z' });
  });

  it.each([
    ['null', null],
    ['a string', 'note'],
    ['a lease-like document', { id: 'lease', _etag: 'x', ContinuationToken: '12' }],
    ['a note with a string version', { ...sampleNote(), version: '2' }],
  ])('refuses %s with an error naming the problem', (_label, doc) => {
    expect(() => documentToChange(doc)).toThrow(/is not a note|not an object/);
  });
});

describe('EventGridPublisher against a loopback topic', () => {
  let stub: EventGridStub;
  let publisher: EventGridPublisher;
  beforeEach(async () => {
    stub = await startEventGridStub('https');
    // The stub's certificate is trusted by this client only; no retries, so a failure is seen at once.
    publisher = new EventGridPublisher(stub.endpoint, new AzureKeyCredential(KEY), {
      agent: new Agent({ ca: stub.ca }),
      retryOptions: { maxRetries: 0 },
    });
  });
  afterEach(async () => stub.stop());

  it('posts CloudEvents 1.0 batches with the key, exactly as core made them', async () => {
    const { created, updated, deleted } = await documentsOfALifecycle(container);
    const events = [created, updated, deleted].map((d) => changeToEvent(documentToChange(d)));
    await publisher.publish(events);

    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toMatch(/^\/api\/events\?api-version=/);
    expect(request!.headers['aeg-sas-key']).toBe(KEY);
    expect(request!.headers['content-type']).toMatch(/^application\/cloudevents-batch\+json/);
    expect(request!.body).toEqual(events);
    for (const sent of request!.body as Record<string, unknown>[]) {
      for (const attribute of SCHEMA.required) expect(typeof sent[attribute]).toBe('string');
      // What Event Grid delivers is what the subscriber parses.
      expect(parseNoteEvent(sent)).toEqual(events.find((e) => e.id === sent.id));
    }
    expect(events.map((e) => e.type)).toEqual([
      noteEventType('created'),
      noteEventType('updated'),
      noteEventType('deleted'),
    ]);
  });

  it("splits a large batch into requests under Event Grid's 1 MB limit, in order", async () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      changeToEvent({
        owner: OWNER,
        kind: 'created',
        note: sampleNote({ body: `${i}`.padEnd(10_000, '€') }),
        time: new Date().toISOString(),
      }),
    );
    await publisher.publish(events);
    expect(stub.requests.length).toBeGreaterThan(1);
    for (const request of stub.requests) expect(request.bytes).toBeLessThan(1_000_000);
    expect(stub.requests.flatMap((r) => r.body as NoteEvent[]).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('rejects when the topic refuses the batch', async () => {
    stub.respondWith(503);
    const event = changeToEvent({ owner: OWNER, kind: 'created', note: sampleNote(), time: new Date().toISOString() });
    await expect(publisher.publish([event])).rejects.toThrow();
  });

  it('lets the publisher function fail the invocation so the trigger retries, and skips foreign documents', async () => {
    const handler = createPublisherHandler(() => publisher);
    const note = sampleNote();
    const { context, logs } = contextCollectingLogs();
    await handler(
      [
        { ...note, owner: OWNER },
        { id: 'stray', foo: 1 },
      ],
      context,
    );
    expect((stub.requests[0]!.body as NoteEvent[]).map((e) => e.id)).toEqual([`${note.id}.v1.created`]);
    expect(logs).toContainEqual({ level: 'error', text: expect.stringContaining('document stray is not a note') });

    stub.respondWith(500);
    await expect(handler([{ ...note, owner: OWNER }], contextCollectingLogs().context)).rejects.toThrow();
  });
});

describe('batchBySize', () => {
  it('keeps order, never returns an empty batch, and gives an oversized event its own batch', () => {
    const events = ['a', 'b'.repeat(300), 'c'].map((body) =>
      changeToEvent({ owner: OWNER, kind: 'created', note: sampleNote({ body }), time: '2026-01-01T00:00:00.000Z' }),
    );
    const batches = batchBySize(events, 400);
    expect(batches.flat()).toEqual(events);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1]);
    expect(batchBySize(events, MAX_BATCH_BYTES)).toEqual([events]);
    expect(batchBySize([])).toEqual([]);
  });
});

describe('createEventGridPublisher from app settings (local mode)', () => {
  it('publishes with EVENTGRID_KEY over plain HTTP to a loopback topic', async () => {
    const stub = await startEventGridStub('http');
    try {
      const publisher = createEventGridPublisher({
        [AZURE_SETTINGS.topicEndpoint]: stub.endpoint,
        [AZURE_SETTINGS.topicKey]: KEY,
      });
      const event = changeToEvent({
        owner: OWNER,
        kind: 'created',
        note: sampleNote(),
        time: new Date().toISOString(),
      });
      await publisher.publish([event]);
      expect(stub.requests.map((r) => [r.headers['aeg-sas-key'], r.body])).toEqual([[KEY, [event]]]);
    } finally {
      await stub.stop();
    }
  });

  it('names the missing setting', () => {
    expect(() => createEventGridPublisher({})).toThrow(new MissingSettingError(AZURE_SETTINGS.topicEndpoint));
  });
});
