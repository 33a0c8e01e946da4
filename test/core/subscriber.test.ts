import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { changeToEvent } from '../../handlers/core/events';
import { MemoryActivityStore } from '../../handlers/core/memory-stores';
import type { Note } from '../../handlers/core/ports';
import { StoreUnavailableError } from '../../handlers/core/ports';
import { recordNoteEvent } from '../../handlers/core/subscriber';
import { noteEventType } from '../../contract/events';

const note: Note = {
  id: '0192f3a4-5b6c-7d8e-9f01-23456789abcd',
  title: 't',
  body: 'b',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('recordNoteEvent', () => {
  it('records an event as activity once, however often it is delivered', async () => {
    const store = new MemoryActivityStore();
    const event = changeToEvent({ owner: OWNER, kind: 'created', note, time: note.createdAt });
    expect(await recordNoteEvent(event, store)).toBe(true);
    expect(await recordNoteEvent(event, store)).toBe(false);
    expect(await recordNoteEvent({ ...event }, store)).toBe(false);
    expect(await store.list(OWNER, note.id)).toEqual([
      {
        eventId: `${note.id}.v1.created`,
        type: noteEventType('created'),
        noteId: note.id,
        version: 1,
        time: note.createdAt,
      },
    ]);
  });

  it('records each change of a note, listed in time order', async () => {
    const store = new MemoryActivityStore();
    const v2 = { ...note, version: 2, updatedAt: '2026-01-01T00:00:01.000Z' };
    const events = [
      changeToEvent({ owner: OWNER, kind: 'deleted', note: v2, time: '2026-01-01T00:00:02.000Z' }),
      changeToEvent({ owner: OWNER, kind: 'created', note, time: note.createdAt }),
      changeToEvent({ owner: OWNER, kind: 'updated', note: v2, time: v2.updatedAt }),
    ];
    for (const e of events) expect(await recordNoteEvent(e, store)).toBe(true);
    expect((await store.list(OWNER, note.id)).map((a) => a.type)).toEqual([
      noteEventType('created'),
      noteEventType('updated'),
      noteEventType('deleted'),
    ]);
  });

  it('stores the event time in one canonical UTC spelling so it sorts as text', async () => {
    const store = new MemoryActivityStore();
    const event = changeToEvent({ owner: OWNER, kind: 'created', note, time: '2026-01-01T02:00:00+02:00' });
    await recordNoteEvent(event, store);
    expect((await store.list(OWNER, note.id))[0]?.time).toBe('2026-01-01T00:00:00.000Z');
  });

  it('lets a store failure through, so the bus redelivers', async () => {
    const store = new MemoryActivityStore();
    store.setAvailable(false);
    const event = changeToEvent({ owner: OWNER, kind: 'created', note, time: note.createdAt });
    await expect(recordNoteEvent(event, store)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
