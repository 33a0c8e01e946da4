// The NoteStore port's contract as jest tests. Every store (memory, DynamoDB, Cosmos) runs these same
// tests from its own test file. `setup` runs before every test and must return an EMPTY store.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { ownerOf } from '../../handlers/core/auth/owner';
import { encodeCursor } from '../../handlers/core/cursor';
import { newNoteId } from '../../handlers/core/ids';
import {
  InvalidCursorError,
  type Note,
  type NoteStore,
  NoteNotFoundError,
  VersionMismatchError,
} from '../../handlers/core/ports';

export type NoteStoreSetup = () => Promise<{ store: NoteStore; teardown: () => Promise<void> }>;

/** A valid note with a fresh UUIDv7 id; text with quotes, newlines and non-BMP characters. */
export function sampleNote(overrides: Partial<Note> = {}): Note {
  const time = new Date().toISOString();
  return {
    id: newNoteId(),
    title: 'Groceries "weekly" 🥕',
    body: 'milk\neggs\tbread — ünïcödé',
    createdAt: time,
    updatedAt: time,
    version: 1,
    ...overrides,
  };
}

async function listAll(store: NoteStore, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.list(OWNER, cursor === undefined ? { limit } : { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((n) => n.id));
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 1000) throw new Error('list never ends: nextCursor keeps coming');
  } while (cursor !== undefined);
  return { ids, pages };
}

export function noteStoreContract(name: string, setup: NoteStoreSetup): void {
  describe(`NoteStore contract: ${name}`, () => {
    let store: NoteStore;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns a created note unchanged from get', async () => {
      const note = sampleNote();
      await store.create(OWNER, note);
      expect(await store.get(OWNER, note.id)).toEqual(note);
    });

    it('returns undefined for a missing id', async () => {
      await store.create(OWNER, sampleNote());
      expect(await store.get(OWNER, newNoteId())).toBeUndefined();
    });

    it('lists an empty store as one empty page without a cursor', async () => {
      const page = await store.list(OWNER, { limit: 10 });
      expect(page.items).toEqual([]);
      expect(page.nextCursor).toBeUndefined();
    });

    it('returns the whole list in one page when it fits, with full notes', async () => {
      const a = sampleNote();
      const b = sampleNote({ title: 'second', body: '' });
      await store.create(OWNER, b);
      await store.create(OWNER, a);
      const page = await store.list(OWNER, { limit: 10 });
      expect(page.items).toEqual([a, b]);
      expect(page.nextCursor).toBeUndefined();
    });

    it('pages through every note exactly once, in ascending id order', async () => {
      const notes = Array.from({ length: 7 }, (_, i) => sampleNote({ title: `note ${i}` }));
      // Inserted newest first: the order must come from the ids, not from insertion.
      for (const note of [...notes].reverse()) await store.create(OWNER, note);
      const expected = notes.map((n) => n.id).sort();

      for (const limit of [1, 3, 7, 100]) {
        const { ids, pages } = await listAll(store, limit);
        expect(ids).toEqual(expected);
        expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / limit));
      }
    });

    it('continues a list from a cursor with the next notes only', async () => {
      const notes = Array.from({ length: 5 }, () => sampleNote());
      for (const note of notes) await store.create(OWNER, note);
      const first = await store.list(OWNER, { limit: 2 });
      expect(first.items.map((n) => n.id)).toEqual([notes[0]!.id, notes[1]!.id]);
      expect(typeof first.nextCursor).toBe('string');
      const second = await store.list(OWNER, { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((n) => n.id)).toEqual([notes[2]!.id, notes[3]!.id]);
    });

    it.each([
      ['not base64url', 'not a cursor!'],
      ['base64url of text that is not JSON', Buffer.from('hello there').toString('base64url')],
      ['JSON of the wrong shape', encodeCursor({ unexpected: true })],
      ['a JSON number', encodeCursor(42)],
    ])('rejects a cursor that is %s with InvalidCursorError', async (_label, cursor) => {
      await store.create(OWNER, sampleNote());
      await expect(store.list(OWNER, { limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('replaces a note when the expected version matches', async () => {
      const note = sampleNote();
      await store.create(OWNER, note);
      const next: Note = {
        ...note,
        title: 'renamed',
        body: 'new body',
        version: 2,
        updatedAt: new Date().toISOString(),
      };
      await store.replace(OWNER, next, 1);
      expect(await store.get(OWNER, note.id)).toEqual(next);
    });

    it('refuses a replace with the wrong version and changes nothing', async () => {
      const note = sampleNote();
      await store.create(OWNER, note);
      const error = await store
        .replace(OWNER, { ...note, title: 'lost update', version: 6 }, 5)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VersionMismatchError);
      expect((error as VersionMismatchError).expected).toBe(5);
      expect(await store.get(OWNER, note.id)).toEqual(note);
    });

    it('refuses to replace a missing note and does not create it', async () => {
      const ghost = sampleNote({ version: 2 });
      await expect(store.replace(OWNER, ghost, 1)).rejects.toBeInstanceOf(NoteNotFoundError);
      expect(await store.get(OWNER, ghost.id)).toBeUndefined();
      expect((await store.list(OWNER, { limit: 10 })).items).toEqual([]);
    });

    it('removes a note without a version and returns it', async () => {
      const keep = sampleNote();
      const gone = sampleNote();
      await store.create(OWNER, keep);
      await store.create(OWNER, gone);
      expect(await store.remove(OWNER, gone.id)).toEqual(gone);
      expect(await store.get(OWNER, gone.id)).toBeUndefined();
      expect((await store.list(OWNER, { limit: 10 })).items).toEqual([keep]);
    });

    it('removes a note when the expected version matches', async () => {
      const note = sampleNote();
      await store.create(OWNER, note);
      const next = { ...note, version: 2, title: 'v2' };
      await store.replace(OWNER, next, 1);
      expect(await store.remove(OWNER, note.id, 2)).toEqual(next);
      expect(await store.get(OWNER, note.id)).toBeUndefined();
    });

    it('refuses a remove with the wrong version and keeps the note', async () => {
      const note = sampleNote();
      await store.create(OWNER, note);
      await expect(store.remove(OWNER, note.id, 3)).rejects.toBeInstanceOf(VersionMismatchError);
      expect(await store.get(OWNER, note.id)).toEqual(note);
      expect((await store.list(OWNER, { limit: 10 })).items).toEqual([note]);
    });

    it('treats a removed note as missing everywhere', async () => {
      const note = sampleNote();
      await store.create(OWNER, note);
      await store.remove(OWNER, note.id);
      await expect(store.remove(OWNER, note.id)).rejects.toBeInstanceOf(NoteNotFoundError);
      await expect(store.remove(OWNER, note.id, 1)).rejects.toBeInstanceOf(NoteNotFoundError);
      await expect(store.replace(OWNER, { ...note, version: 2 }, 1)).rejects.toBeInstanceOf(NoteNotFoundError);
      expect(await store.get(OWNER, note.id)).toBeUndefined();
      expect(await listAll(store, 1)).toEqual({ ids: [], pages: 1 });
    });

    // Races between writes (docs/ARCHITECTURE.md, "Odd requests"): the loser gets what it would get had
    // it come just after the winner; a write that loses to a delete finds no note.
    it.each([undefined, 1])(
      'lets one of concurrent removes (expected version %s) win; the others find no note',
      async (expected) => {
        const note = sampleNote();
        await store.create(OWNER, note);
        const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => store.remove(OWNER, note.id, expected)));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: note }]);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(NoteNotFoundError);
        expect(await store.get(OWNER, note.id)).toBeUndefined();
      },
    );

    it('gives a replace that loses to a remove NoteNotFoundError, never VersionMismatchError', async () => {
      for (let round = 0; round < 3; round++) {
        const note = sampleNote();
        await store.create(OWNER, note);
        const [replaced, removed] = await Promise.allSettled([
          store.replace(OWNER, { ...note, title: 'late', version: 2 }, 1),
          store.remove(OWNER, note.id),
        ]);
        expect(removed.status).toBe('fulfilled');
        if (replaced.status === 'rejected') expect(replaced.reason).toBeInstanceOf(NoteNotFoundError);
        expect(await store.get(OWNER, note.id)).toBeUndefined();
      }
    });

    it('refuses to remove a note that never existed', async () => {
      await expect(store.remove(OWNER, newNoteId())).rejects.toBeInstanceOf(NoteNotFoundError);
    });

    // Owners as handlers/core/auth/owner.ts makes them: encoded issuer | encoded subject. The long one is
    // over Cosmos DB's 100-byte classic partition key (the containers use large keys, version 2).
    const ALICE = ownerOf('https://login.example.com/tenant/v2.0', 'alice');
    const BOB = ownerOf('https://login.example.com/tenant/v2.0', 'bob%7C|é');
    const LONG = ownerOf(`https://issuer.example.com/${'x'.repeat(200)}`, 's'.repeat(255));

    it("keeps each owner's notes apart: another owner's note is missing to every call", async () => {
      const note = sampleNote();
      await store.create(ALICE, note);
      expect(await store.get(BOB, note.id)).toBeUndefined();
      expect((await store.list(BOB, { limit: 10 })).items).toEqual([]);
      await expect(store.replace(BOB, { ...note, title: 'theirs', version: 2 }, 1)).rejects.toBeInstanceOf(
        NoteNotFoundError,
      );
      await expect(store.remove(BOB, note.id)).rejects.toBeInstanceOf(NoteNotFoundError);
      await expect(store.remove(BOB, note.id, 1)).rejects.toBeInstanceOf(NoteNotFoundError);
      expect(await store.get(ALICE, note.id)).toEqual(note);
    });

    it('lets two owners hold a note with the same id, each their own', async () => {
      const note = sampleNote();
      await store.create(ALICE, note);
      await store.create(BOB, { ...note, title: 'bob' });
      await store.replace(BOB, { ...note, title: 'bob 2', version: 2 }, 1);
      expect(await store.get(ALICE, note.id)).toEqual(note);
      expect(await store.get(BOB, note.id)).toMatchObject({ title: 'bob 2', version: 2 });
      await store.remove(ALICE, note.id);
      expect(await store.get(BOB, note.id)).toMatchObject({ title: 'bob 2' });
    });

    it("lists and pages only the caller's notes, and refuses another owner's cursor", async () => {
      const alice = [sampleNote(), sampleNote(), sampleNote()];
      const long = [sampleNote(), sampleNote()];
      for (const [i, n] of alice.entries()) {
        await store.create(ALICE, n);
        if (long[i]) await store.create(LONG, long[i]!);
      }
      const first = await store.list(ALICE, { limit: 2 });
      expect(first.items).toEqual(alice.slice(0, 2));
      await expect(store.list(BOB, { limit: 2, cursor: first.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.list(LONG, { limit: 2, cursor: first.nextCursor! })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
      expect((await store.list(ALICE, { limit: 2, cursor: first.nextCursor! })).items).toEqual(alice.slice(2));
      expect((await store.list(LONG, { limit: 10 })).items).toEqual(long);
    });
  });
}
