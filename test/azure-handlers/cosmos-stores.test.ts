// The shared store contracts against @vercel/cosmosdb-server through the real @azure/cosmos client,
// plus the Cosmos-specific behaviour: soft-delete markers, etag races, unavailability.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { randomUUID } from 'node:crypto';
import type { Container, Database } from '@azure/cosmos';
import { CosmosActivityStore } from '../../handlers/azure/activity-store';
import { CosmosNoteStore } from '../../handlers/azure/note-store';
import { COSMOS_CONTAINERS, type ContainerContract, DELETED_NOTE_TTL_SECONDS } from '../../contract/azure';
import { NoteNotFoundError, StoreUnavailableError, VersionMismatchError } from '../../handlers/core/ports';
import { activityStoreContract } from '../contract/activity-store-contract';
import { noteStoreContract, sampleNote } from '../contract/note-store-contract';
import { type CosmosEmulator, startCosmosEmulator } from './cosmos-emulator';
import { noteEventType } from '../../contract/events';

let emulator: CosmosEmulator;
let database: Database;

beforeAll(async () => {
  emulator = await startCosmosEmulator();
  ({ database } = await emulator.client.databases.createIfNotExists({ id: 'app' }));
});
afterAll(async () => {
  await emulator.stop();
});

/** A fresh, empty container per test, shaped as docs/ARCHITECTURE.md says. */
async function freshContainer(
  spec: ContainerContract,
): Promise<{ container: Container; teardown: () => Promise<void> }> {
  const { container } = await database.containers.create({
    id: `c-${randomUUID()}`,
    partitionKey: { paths: [spec.partitionKeyPath] },
    defaultTtl: -1,
  });
  return { container, teardown: async () => void (await container.delete()) };
}

noteStoreContract('Cosmos DB (cosmosdb-server)', async () => {
  const { container, teardown } = await freshContainer(COSMOS_CONTAINERS.notes);
  return { store: new CosmosNoteStore(container), teardown };
});

activityStoreContract('Cosmos DB (cosmosdb-server)', async () => {
  const { container, teardown } = await freshContainer(COSMOS_CONTAINERS.activity);
  return { store: new CosmosActivityStore(container), teardown };
});

describe('CosmosNoteStore on Cosmos specifics', () => {
  let container: Container;
  let teardown: () => Promise<void>;
  let store: CosmosNoteStore;
  beforeEach(async () => {
    ({ container, teardown } = await freshContainer(COSMOS_CONTAINERS.notes));
    store = new CosmosNoteStore(container);
  });
  afterEach(async () => teardown());

  it('stores exactly the note fields, nothing the caller smuggles in', async () => {
    const note = sampleNote();
    await store.create(OWNER, { ...note, extra: 'x' } as typeof note);
    const { resource } = await container.item(note.id, OWNER).read();
    expect(
      Object.keys(resource!)
        .filter((k) => !k.startsWith('_'))
        .sort(),
    ).toEqual(['body', 'createdAt', 'id', 'owner', 'title', 'updatedAt', 'version']);
  });

  it('deletes by replacing the note with a soft-delete marker that expires', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    await store.remove(OWNER, note.id);
    const { resource } = await container.item(note.id, OWNER).read();
    expect(resource).toMatchObject({ ...note, deleted: true, ttl: DELETED_NOTE_TTL_SECONDS });
    expect(Date.parse(resource!.deletedAt)).not.toBeNaN();
  });

  /** The container, except that `interfere` runs once right after the store reads an item. */
  function racingContainer(interfere: () => Promise<void>): Container {
    let pending: (() => Promise<void>) | undefined = interfere;
    const item = (id: string, partitionKey: string) => {
      const real = container.item(id, partitionKey);
      return {
        read: async () => {
          const response = await real.read();
          const run = pending;
          pending = undefined;
          if (run) await run();
          return response;
        },
        replace: real.replace.bind(real),
      };
    };
    // Only what CosmosNoteStore touches; the cast is the test seam.
    return { item, items: container.items, read: container.read.bind(container) } as unknown as Container;
  }

  it('turns a lost etag race on replace into VersionMismatchError and keeps the winner', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    const winner = { ...note, title: 'winner', version: 2 };
    const racing = new CosmosNoteStore(racingContainer(() => store.replace(OWNER, winner, 1)));
    const error = await racing.replace(OWNER, { ...note, title: 'loser', version: 2 }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionMismatchError);
    expect(await store.get(OWNER, note.id)).toEqual(winner);
  });

  it('retries a remove without a version that lost a race, and returns what it deleted', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    const winner = { ...note, title: 'winner', version: 2 };
    const racing = new CosmosNoteStore(racingContainer(() => store.replace(OWNER, winner, 1)));
    expect(await racing.remove(OWNER, note.id)).toEqual(winner);
    expect(await store.get(OWNER, note.id)).toBeUndefined();
  });

  it('refuses a versioned remove that lost a race and keeps the winner', async () => {
    const note = sampleNote();
    await store.create(OWNER, note);
    const winner = { ...note, title: 'winner', version: 2 };
    const racing = new CosmosNoteStore(racingContainer(() => store.replace(OWNER, winner, 1)));
    await expect(racing.remove(OWNER, note.id, 1)).rejects.toBeInstanceOf(VersionMismatchError);
    expect(await store.get(OWNER, note.id)).toEqual(winner);
  });

  // A write that loses to a delete finds no note (404), as on DynamoDB, not a version conflict (412).
  it.each([
    [
      'a replace',
      (racing: CosmosNoteStore, id: string) => racing.replace(OWNER, { ...sampleNote({ id }), version: 2 }, 1),
    ],
    ['a versioned remove', (racing: CosmosNoteStore, id: string) => racing.remove(OWNER, id, 1)],
    ['a remove without a version', (racing: CosmosNoteStore, id: string) => racing.remove(OWNER, id)],
  ])('gives %s that lost to a delete NoteNotFoundError', async (_name, write) => {
    const note = sampleNote();
    await store.create(OWNER, note);
    const racing = new CosmosNoteStore(racingContainer(async () => void (await store.remove(OWNER, note.id))));
    await expect(write(racing, note.id)).rejects.toBeInstanceOf(NoteNotFoundError);
    expect(await store.get(OWNER, note.id)).toBeUndefined();
  });

  it('rejects a document that is not a note with a clear error', async () => {
    await container.items.create({ id: 'not-a-note', owner: OWNER, title: 42 });
    await expect(store.get(OWNER, 'not-a-note')).rejects.toThrow('document not-a-note is not a note');
  });
});

describe('Cosmos stores read one partition per call', () => {
  // Every query and point operation the stores make, with its partition key (issue #19: no cross-partition query).
  it('lists with partitionKey = owner and reads points with (id, owner), for every call', async () => {
    const notes = await freshContainer(COSMOS_CONTAINERS.notes);
    const activity = await freshContainer(COSMOS_CONTAINERS.activity);
    try {
      const calls: string[] = [];
      const spy = (c: Container): Container => {
        const query = c.items.query.bind(c.items);
        const items = Object.assign(Object.create(c.items) as typeof c.items, {
          query: (spec: { query: string }, options?: { partitionKey?: unknown }) => {
            calls.push(`query pk=${JSON.stringify(options?.partitionKey)}`);
            return query(spec, options as Parameters<typeof query>[1]);
          },
        });
        const item = (id: string, pk: string) => {
          calls.push(`item pk=${JSON.stringify(pk)}`);
          return c.item(id, pk);
        };
        return { items, item, read: c.read.bind(c) } as unknown as Container;
      };
      const store = new CosmosNoteStore(spy(notes.container));
      const acts = new CosmosActivityStore(spy(activity.container));
      const note = sampleNote();
      await store.create(OWNER, note);
      await store.get(OWNER, note.id);
      await store.list(OWNER, { limit: 5 });
      await store.replace(OWNER, { ...note, version: 2 }, 1);
      await store.remove(OWNER, note.id);
      await acts.record(OWNER, {
        eventId: `${note.id}.v1.created`,
        type: noteEventType('created'),
        noteId: note.id,
        version: 1,
        time: note.createdAt,
      });
      await acts.list(OWNER, note.id);
      expect(calls.filter((c) => c.startsWith('query'))).toEqual([
        `query pk=${JSON.stringify(OWNER)}`,
        `query pk=${JSON.stringify(OWNER)}`,
      ]);
      expect(new Set(calls.filter((c) => c.startsWith('item')))).toEqual(new Set([`item pk=${JSON.stringify(OWNER)}`]));
      console.log(
        `Cosmos calls per store operation (create, get, list, replace, remove, record, activity list):\n  ${calls.join('\n  ')}`,
      );
    } finally {
      await notes.teardown();
      await activity.teardown();
    }
  });
});

describe('Cosmos stores when the emulator is gone', () => {
  it('report StoreUnavailableError from every call', async () => {
    const gone = await startCosmosEmulator();
    const { database: db } = await gone.client.databases.createIfNotExists({ id: 'app' });
    const { container } = await db.containers.create({ id: 'notes', partitionKey: { paths: ['/id'] } });
    const { container: activityContainer } = await db.containers.create({
      id: 'activity',
      partitionKey: { paths: ['/noteId'] },
    });
    const notes = new CosmosNoteStore(container);
    const activity = new CosmosActivityStore(activityContainer);
    await notes.ping();
    await gone.stop();
    const note = sampleNote();
    for (const call of [
      notes.ping(),
      notes.get(OWNER, note.id),
      notes.list(OWNER, { limit: 5 }),
      notes.create(OWNER, note),
      notes.replace(OWNER, { ...note, version: 2 }, 1),
      notes.remove(OWNER, note.id),
      activity.record(OWNER, {
        eventId: 'e',
        type: noteEventType('created'),
        noteId: note.id,
        version: 1,
        time: note.createdAt,
      }),
      activity.list(OWNER, note.id),
    ]) {
      await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);
    }
  });
});
