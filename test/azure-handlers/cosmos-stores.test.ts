// The shared store contracts against @vercel/cosmosdb-server through the real @azure/cosmos client,
// plus the Cosmos-specific behaviour: soft-delete markers, etag races, unavailability.
import { randomUUID } from 'node:crypto';
import type { Container, Database } from '@azure/cosmos';
import { CosmosActivityStore } from '../../handlers/azure/activity-store';
import { CosmosNoteStore } from '../../handlers/azure/note-store';
import { DELETED_NOTE_TTL_SECONDS } from '../../contract/azure';
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
async function freshContainer(partitionKey: '/id' | '/noteId'): Promise<{ container: Container; teardown: () => Promise<void> }> {
  const { container } = await database.containers.create({ id: `c-${randomUUID()}`, partitionKey: { paths: [partitionKey] }, defaultTtl: -1 });
  return { container, teardown: async () => void (await container.delete()) };
}

noteStoreContract('Cosmos DB (cosmosdb-server)', async () => {
  const { container, teardown } = await freshContainer('/id');
  return { store: new CosmosNoteStore(container), teardown };
});

activityStoreContract('Cosmos DB (cosmosdb-server)', async () => {
  const { container, teardown } = await freshContainer('/noteId');
  return { store: new CosmosActivityStore(container), teardown };
});

describe('CosmosNoteStore on Cosmos specifics', () => {
  let container: Container;
  let teardown: () => Promise<void>;
  let store: CosmosNoteStore;
  beforeEach(async () => {
    ({ container, teardown } = await freshContainer('/id'));
    store = new CosmosNoteStore(container);
  });
  afterEach(async () => teardown());

  it('stores exactly the note fields, nothing the caller smuggles in', async () => {
    const note = sampleNote();
    await store.create({ ...note, extra: 'x' } as typeof note);
    const { resource } = await container.item(note.id, note.id).read();
    expect(Object.keys(resource!).filter((k) => !k.startsWith('_')).sort()).toEqual(
      ['body', 'createdAt', 'id', 'title', 'updatedAt', 'version'],
    );
  });

  it('deletes by replacing the note with a soft-delete marker that expires', async () => {
    const note = sampleNote();
    await store.create(note);
    await store.remove(note.id);
    const { resource } = await container.item(note.id, note.id).read();
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
    await store.create(note);
    const winner = { ...note, title: 'winner', version: 2 };
    const racing = new CosmosNoteStore(racingContainer(() => store.replace(winner, 1)));
    const error = await racing.replace({ ...note, title: 'loser', version: 2 }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionMismatchError);
    expect(await store.get(note.id)).toEqual(winner);
  });

  it('retries a remove without a version that lost a race, and returns what it deleted', async () => {
    const note = sampleNote();
    await store.create(note);
    const winner = { ...note, title: 'winner', version: 2 };
    const racing = new CosmosNoteStore(racingContainer(() => store.replace(winner, 1)));
    expect(await racing.remove(note.id)).toEqual(winner);
    expect(await store.get(note.id)).toBeUndefined();
  });

  it('refuses a versioned remove that lost a race and keeps the winner', async () => {
    const note = sampleNote();
    await store.create(note);
    const winner = { ...note, title: 'winner', version: 2 };
    const racing = new CosmosNoteStore(racingContainer(() => store.replace(winner, 1)));
    await expect(racing.remove(note.id, 1)).rejects.toBeInstanceOf(VersionMismatchError);
    expect(await store.get(note.id)).toEqual(winner);
  });

  // A write that loses to a delete finds no note (404), as on DynamoDB, not a version conflict (412).
  it.each([
    ['a replace', (racing: CosmosNoteStore, id: string) => racing.replace({ ...sampleNote({ id }), version: 2 }, 1)],
    ['a versioned remove', (racing: CosmosNoteStore, id: string) => racing.remove(id, 1)],
    ['a remove without a version', (racing: CosmosNoteStore, id: string) => racing.remove(id)],
  ])('gives %s that lost to a delete NoteNotFoundError', async (_name, write) => {
    const note = sampleNote();
    await store.create(note);
    const racing = new CosmosNoteStore(racingContainer(async () => void (await store.remove(note.id))));
    await expect(write(racing, note.id)).rejects.toBeInstanceOf(NoteNotFoundError);
    expect(await store.get(note.id)).toBeUndefined();
  });

  it('rejects a document that is not a note with a clear error', async () => {
    await container.items.create({ id: 'not-a-note', title: 42 });
    await expect(store.get('not-a-note')).rejects.toThrow('document not-a-note is not a note');
  });
});

describe('Cosmos stores when the emulator is gone', () => {
  it('report StoreUnavailableError from every call', async () => {
    const gone = await startCosmosEmulator();
    const { database: db } = await gone.client.databases.createIfNotExists({ id: 'app' });
    const { container } = await db.containers.create({ id: 'notes', partitionKey: { paths: ['/id'] } });
    const { container: activityContainer } = await db.containers.create({ id: 'activity', partitionKey: { paths: ['/noteId'] } });
    const notes = new CosmosNoteStore(container);
    const activity = new CosmosActivityStore(activityContainer);
    await notes.ping();
    await gone.stop();
    const note = sampleNote();
    for (const call of [
      notes.ping(),
      notes.get(note.id),
      notes.list({ limit: 5 }),
      notes.create(note),
      notes.replace({ ...note, version: 2 }, 1),
      notes.remove(note.id),
      activity.record({ eventId: 'e', type: noteEventType('created'), noteId: note.id, version: 1, time: note.createdAt }),
      activity.list(note.id),
    ]) {
      await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);
    }
  });
});
