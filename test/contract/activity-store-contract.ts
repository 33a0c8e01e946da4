// The ActivityStore port's contract as jest tests, shared by every store implementation.
// `setup` runs before every test and must return an EMPTY store.
import { ANONYMOUS_OWNER as OWNER, ownerOf } from '../../handlers/core/auth/owner';
import { newNoteId } from '../../handlers/core/ids';
import type { Activity, ActivityStore } from '../../handlers/core/ports';
import { type NoteChangeKind, noteEventType } from '../../contract/events';

export type ActivityStoreSetup = () => Promise<{ store: ActivityStore; teardown: () => Promise<void> }>;

export function sampleActivity(
  noteId: string,
  version: number,
  kind: NoteChangeKind = 'updated',
  time = '2026-01-02T03:04:05.678Z',
): Activity {
  return { eventId: `${noteId}.v${version}.${kind}`, type: noteEventType(kind), noteId, version, time };
}

export function activityStoreContract(name: string, setup: ActivityStoreSetup): void {
  describe(`ActivityStore contract: ${name}`, () => {
    let store: ActivityStore;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('lists nothing for a note without activity', async () => {
      await store.record(OWNER, sampleActivity(newNoteId(), 1, 'created'));
      expect(await store.list(OWNER, newNoteId())).toEqual([]);
    });

    it('records an activity and lists it unchanged', async () => {
      const activity = sampleActivity(newNoteId(), 1, 'created');
      expect(await store.record(OWNER, activity)).toBe(true);
      expect(await store.list(OWNER, activity.noteId)).toEqual([activity]);
    });

    it('records each eventId once: a repeat returns false and changes nothing', async () => {
      const first = sampleActivity(newNoteId(), 1, 'created');
      expect(await store.record(OWNER, first)).toBe(true);
      expect(await store.record(OWNER, { ...first })).toBe(false);
      // Same id, different content: still the same event, the first record wins.
      expect(await store.record(OWNER, { ...first, time: '2030-01-01T00:00:00.000Z' })).toBe(false);
      expect(await store.list(OWNER, first.noteId)).toEqual([first]);
    });

    it("lists a note's activity ordered by time, then eventId, and only that note's", async () => {
      const noteId = newNoteId();
      const other = newNoteId();
      const created = sampleActivity(noteId, 1, 'created', '2026-01-01T00:00:00.000Z');
      const updatedA = sampleActivity(noteId, 2, 'updated', '2026-01-01T00:00:01.000Z');
      const updatedB = sampleActivity(noteId, 3, 'updated', '2026-01-01T00:00:01.000Z'); // same time as A
      const deleted = sampleActivity(noteId, 3, 'deleted', '2026-01-01T00:00:02.500Z');
      for (const a of [deleted, updatedB, sampleActivity(other, 1, 'created'), created, updatedA]) {
        expect(await store.record(OWNER, a)).toBe(true);
      }
      expect(await store.list(OWNER, noteId)).toEqual([created, updatedA, updatedB, deleted]);
      expect(await store.list(OWNER, other)).toHaveLength(1);
    });

    it('breaks a tie in time by version (as a number), then created < updated < deleted', async () => {
      const noteId = newNoteId();
      const at = '2026-01-01T00:00:00.000Z';
      const v9 = sampleActivity(noteId, 9, 'updated', at);
      const v10 = sampleActivity(noteId, 10, 'updated', at);
      const v10deleted = sampleActivity(noteId, 10, 'deleted', at); // "….v10.deleted" sorts before "….v10.updated" as text
      const v1 = sampleActivity(noteId, 1, 'created', at);
      for (const a of [v10deleted, v10, v1, v9]) expect(await store.record(OWNER, a)).toBe(true);
      expect(await store.list(OWNER, noteId)).toEqual([v1, v9, v10, v10deleted]);
    });

    it("keeps each owner's activity apart, and an event recorded once per owner", async () => {
      const alice = ownerOf('https://login.example.com/tenant/v2.0', 'alice');
      const long = ownerOf(`https://issuer.example.com/${'x'.repeat(200)}`, 's'.repeat(255));
      const activity = sampleActivity(newNoteId(), 1, 'created');
      expect(await store.record(alice, activity)).toBe(true);
      expect(await store.list(long, activity.noteId)).toEqual([]);
      expect(await store.list(OWNER, activity.noteId)).toEqual([]);
      expect(await store.record(long, activity)).toBe(true);
      expect(await store.record(alice, activity)).toBe(false);
      expect(await store.list(alice, activity.noteId)).toEqual([activity]);
      expect(await store.list(long, activity.noteId)).toEqual([activity]);
    });
  });
}
