// The Event Grid subscriber: real-world Event Grid and CloudEvents payloads that are not note events
// are refused with a clear error and record nothing; a note event is recorded once however often
// Event Grid delivers it.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvocationContext } from '@azure/functions';
import { CosmosActivityStore } from '../../handlers/azure/activity-store';
import { createSubscriberHandler } from '../../handlers/azure/subscriber';
import { changeToEvent, InvalidNoteEventError } from '../../handlers/core/events';
import type { Activity, ActivityStore } from '../../handlers/core/ports';
import { sampleNote } from '../contract/note-store-contract';
import { type CosmosEmulator, startCosmosEmulator } from './cosmos-emulator';
import { NOTE_EVENT_SOURCE, noteEventType } from '../../contract/events';

const FIXTURES = join(__dirname, '../fixtures');

/** Every event in the fixture files: each file is one event or an array of events. */
function fixtureEvents(): [string, unknown][] {
  const events: [string, unknown][] = [];
  for (const dir of ['azure-eventgrid', 'cloudevents']) {
    for (const file of readdirSync(join(FIXTURES, dir)).filter(
      (f) => f.endsWith('.json') && f !== 'schema_cloudevents.json',
    )) {
      const parsed = JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8')) as unknown;
      if (Array.isArray(parsed)) {
        for (const [i, event] of parsed.entries()) events.push([`${dir}/${file}[${i}]`, event]);
      } else events.push([`${dir}/${file}`, parsed]);
    }
  }
  return events;
}

/** An activity store that must never be written to. */
const untouchable: ActivityStore = {
  record: async (_owner: string, a: Activity) => {
    throw new Error(`record must not be called, got ${a.eventId}`);
  },
  list: async () => [],
};

describe('subscriber with events that are not note events', () => {
  const events = fixtureEvents();

  it('has the fixtures it means to test', () => {
    expect(events.length).toBeGreaterThanOrEqual(20);
  });

  it.each(events)('refuses %s with a clear error and records nothing', async (_name, event) => {
    const handler = createSubscriberHandler(() => untouchable);
    const error = await handler(event, new InvocationContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidNoteEventError);
    expect((error as Error).message).toMatch(/^not a note event: \S/);
  });

  it.each([
    [
      'an Event Grid schema event',
      'azure-eventgrid/python-sdk_cs4_eg-schema-custom-event-single.json',
      ['specversion is required', 'data.note is required'],
    ],
    [
      'a CloudEvents schema system event',
      'azure-eventgrid/python-sdk_cs6_cloudevents-schema-BlobCreated.json',
      [`source must be "${NOTE_EVENT_SOURCE}"`, `type must be ${noteEventType('created')}, updated or deleted`],
    ],
  ])('says what is wrong with %s', async (_label, file, problems) => {
    const event = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as unknown;
    const error = (await createSubscriberHandler(() => untouchable)(event, new InvocationContext()).catch(
      (e: unknown) => e,
    )) as InvalidNoteEventError;
    expect(error.problems).toEqual(expect.arrayContaining(problems));
  });

  it('refuses a whole batch array, which the Event Grid trigger never hands to one invocation', async () => {
    const handler = createSubscriberHandler(() => untouchable);
    await expect(handler([], new InvocationContext())).rejects.toBeInstanceOf(InvalidNoteEventError);
  });
});

describe('subscriber with note events (Cosmos activity store)', () => {
  let emulator: CosmosEmulator;
  let store: CosmosActivityStore;
  beforeAll(async () => {
    emulator = await startCosmosEmulator();
    const { database } = await emulator.client.databases.createIfNotExists({ id: 'app' });
    const { container } = await database.containers.create({
      id: `activity-${randomUUID()}`,
      partitionKey: { paths: ['/noteId'] },
    });
    store = new CosmosActivityStore(container);
  });
  afterAll(async () => emulator.stop());

  it('records a note event once even when Event Grid delivers it twice', async () => {
    const note = sampleNote();
    const event = changeToEvent({ owner: OWNER, kind: 'created', note, time: '2026-03-04T05:06:07.089Z' });
    // As Event Grid delivers it: JSON, plus a delivery-side extension attribute.
    const delivered = {
      ...JSON.parse(JSON.stringify(event)),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    const logs: string[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => logs.push(args.join(' ')) });
    const handler = createSubscriberHandler(() => store);

    await handler(delivered, context);
    await handler(delivered, context);

    expect(await store.list(OWNER, note.id)).toEqual([
      {
        eventId: `${note.id}.v1.created`,
        type: noteEventType('created'),
        noteId: note.id,
        version: 1,
        time: '2026-03-04T05:06:07.089Z',
      },
    ]);
    // One JSON line each through the invocation context, in the Logger's shape (handlers/core/log.ts).
    expect(logs.map((line) => JSON.parse(line) as unknown)).toEqual([
      { level: 'info', cloud: 'azure', message: 'subscriber: recorded', eventId: event.id },
      { level: 'info', cloud: 'azure', message: 'subscriber: already recorded', eventId: event.id },
    ]);
  });

  it('refuses a note event whose subject is not its note, and records nothing', async () => {
    const note = sampleNote();
    const event = {
      ...changeToEvent({
        owner: OWNER,
        kind: 'updated',
        note: { ...note, version: 2 },
        time: '2026-03-04T05:06:07.089Z',
      }),
      subject: sampleNote().id,
    };
    await expect(createSubscriberHandler(() => store)(event, new InvocationContext())).rejects.toThrow(
      'subject must be the id of data.note',
    );
    expect(await store.list(OWNER, note.id)).toEqual([]);
  });
});
