// Both stores read a stored note back equally strictly (handlers/core/stored-note.ts): the same
// malformed notes are refused on both, naming the same problems, and each store's own keys (DynamoDB's
// `owner` on both, Cosmos's system properties and soft-delete marker) are the only extra keys allowed.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { marshall } from '@aws-sdk/util-dynamodb';
import { noteFromItem } from '../../handlers/aws/stored-note';
import { deletedMarker, noteFromDocument } from '../../handlers/azure/stored-note';
import { NotAStoredNoteError } from '../../handlers/core/stored-note';
import { sampleNote } from '../contract/note-store-contract';

const note = sampleNote({ createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:05:00.500Z', version: 3 });

/** The same value as each store holds it. */
const onAws = (value: Record<string, unknown>) => () => noteFromItem(marshall({ owner: OWNER, ...value }));
const onAzure = (value: Record<string, unknown>) => () => noteFromDocument({ owner: OWNER, ...value });

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof NotAStoredNoteError) return error.problems;
    throw error;
  }
  throw new Error('the value was read as a note');
}

describe('a stored note is read the same way on both clouds', () => {
  it("gives back exactly the note, with each store's own keys dropped", () => {
    expect(onAws({ ...note })()).toEqual(note);
    const cosmos = { ...note, _rid: 'r', _self: 's', _etag: '"e"', _attachments: 'a/', _ts: 1_770_000_000, _lsn: 7 };
    expect(onAzure(cosmos)()).toEqual(note);
    expect(onAzure({ ...deletedMarker(OWNER, note, '2026-03-01T10:06:00.000Z') })()).toEqual(note);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an id that is not a lower-case UUID', { ...note, id: note.id.toUpperCase() }, ['id is not a lower-case UUID']],
    ['a missing title', { ...note, title: undefined }, ['title is missing']],
    ['a body that is not a string', { ...note, body: 42 }, ['body is not a string']],
    [
      'a timestamp without milliseconds',
      { ...note, createdAt: '2026-03-01T10:00:00Z' },
      ['createdAt is not an ISO 8601 UTC timestamp'],
    ],
    [
      'a local-time timestamp',
      { ...note, updatedAt: '2026-03-01T10:05:00.500+01:00' },
      ['updatedAt is not an ISO 8601 UTC timestamp'],
    ],
    ['version 0', { ...note, version: 0 }, ['version is not a positive integer']],
    ['a fractional version', { ...note, version: 1.5 }, ['version is not a positive integer']],
    ['an attribute of no note', { ...note, kind: 'note' }, ['unexpected attributes kind']],
    ['an owner that is no string', { ...note, owner: 7 }, ['owner is not a non-empty string']],
    [
      'everything wrong at once',
      { id: 'x', title: 1, extra: true },
      [
        'id is not a lower-case UUID',
        'title is not a string',
        'body is missing',
        'createdAt is missing',
        'updatedAt is missing',
        'version is missing',
        'unexpected attributes extra',
      ],
    ],
  ])('refuses %s on both, naming the same problems', (_name, value, problems) => {
    const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
    expect(problemsOf(onAws(defined))).toEqual(problems);
    expect(problemsOf(onAzure(defined))).toEqual(problems);
  });

  it("refuses the other store's own keys", () => {
    expect(problemsOf(onAws({ ...note, _etag: '"e"' }))).toEqual(['unexpected attributes _etag']);
    expect(problemsOf(onAws({ ...note, deleted: true }))).toEqual(['unexpected attributes deleted']);
  });

  it('says which stored value is not a note', () => {
    expect(onAws({ ...note, version: 0 })).toThrow(/^item is not a note: version is not a positive integer$/);
    expect(onAzure({ ...note, version: 0 })).toThrow(
      new RegExp(`^document ${note.id} is not a note: version is not a positive integer$`),
    );
    expect(() => noteFromDocument(null)).toThrow(/^document is not a note: it is not an object$/);
  });
});
