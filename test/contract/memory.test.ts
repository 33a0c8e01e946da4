import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import { StoreUnavailableError } from '../../handlers/core/ports';
import { activityStoreContract, sampleActivity } from './activity-store-contract';
import { noteStoreContract, sampleNote } from './note-store-contract';

noteStoreContract('memory', async () => ({ store: new MemoryNoteStore(), teardown: async () => {} }));
activityStoreContract('memory', async () => ({ store: new MemoryActivityStore(), teardown: async () => {} }));

describe('memory stores made unavailable', () => {
  it('fail every note store call with StoreUnavailableError, and recover', async () => {
    const store = new MemoryNoteStore();
    const note = sampleNote();
    await store.create(OWNER, note);
    store.setAvailable(false);
    const calls = [
      store.ping(),
      store.get(OWNER, note.id),
      store.list(OWNER, { limit: 1 }),
      store.create(OWNER, sampleNote()),
      store.replace(OWNER, { ...note, version: 2 }, 1),
      store.remove(OWNER, note.id),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);
    store.setAvailable(true);
    expect(await store.list(OWNER, { limit: 10 })).toEqual({ items: [note] });
  });

  it('fail every activity store call with StoreUnavailableError', async () => {
    const store = new MemoryActivityStore();
    store.setAvailable(false);
    const activity = sampleActivity(sampleNote().id, 1);
    await expect(store.record(OWNER, activity)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.list(OWNER, activity.noteId)).rejects.toBeInstanceOf(StoreUnavailableError);
    store.setAvailable(true);
    expect(await store.list(OWNER, activity.noteId)).toEqual([]);
  });

  it('hands out copies, so mutating a returned note does not change the store', async () => {
    const store = new MemoryNoteStore();
    const note = sampleNote();
    await store.create(OWNER, note);
    note.title = 'mutated after create';
    const got = (await store.get(OWNER, note.id))!;
    got.body = 'mutated after get';
    expect((await store.get(OWNER, note.id))!.title).toBe('Groceries "weekly" 🥕');
    expect((await store.get(OWNER, note.id))!.body).not.toBe('mutated after get');
  });
});
