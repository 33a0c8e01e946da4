import fc from 'fast-check';
import type { RawRequest } from './raw-request';

// Bodies the contract refuses (docs/ARCHITECTURE.md: 413 over 64 KiB; 400 not UTF-8, not JSON, or not
// a note), sent where a valid body would change the store: a create, or an update of seeded note 0 with
// `If-Match: *`.

const JSON_TYPE = { 'content-type': 'application/json' };

const codePoints = (s: string) => [...s].length;
const hasLoneSurrogate = (s: string) => /\p{Cs}/u.test(s);
const validText = (s: unknown, min: number, max: number) =>
  typeof s === 'string' && codePoints(s) >= min && codePoints(s) <= max && !hasLoneSurrogate(s);

/** True for anything the server might accept as a note; the generators keep only the rest. */
export function mightBeValidNote(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).some((key) => key !== 'title' && key !== 'body')) return false;
  return validText(record.title, 1, 200) && (record.body === undefined || validText(record.body, 0, 10_000));
}

/** Where a refused body is sent: a create, or a full update that would succeed with a valid body. */
export const bodyTarget = fc.constantFrom(
  { method: 'POST', path: '/api/notes', headers: {} as Record<string, string> },
  { method: 'PUT', path: '/api/notes/{seed0}', headers: { 'if-match': '*' } as Record<string, string> },
);

export const withBody = (
  body: fc.Arbitrary<Buffer>,
  contentType: fc.Arbitrary<string> = fc.constant(JSON_TYPE['content-type']),
): fc.Arbitrary<RawRequest> =>
  fc
    .tuple(bodyTarget, body, contentType)
    .map(([target, bytes, type]) => ({ ...target, headers: { ...target.headers, 'content-type': type }, body: bytes }));

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const validNote = fc.record({
  title: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }),
  body: fc.string({ unit: 'grapheme', maxLength: 100 }),
});

/** Text that is not JSON: random text, and valid notes cut short or with garbage added. */
export const malformedJson = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    fc.tuple(validNote, fc.nat()).map(([note, cut]) => {
      const text = JSON.stringify(note);
      return text.slice(0, 1 + (cut % (text.length - 1)));
    }),
    fc
      .tuple(validNote, fc.constantFrom(',', '}', ' x', "'", '// c', ',]', 'NaN'))
      .map(([note, junk]) => `${JSON.stringify(note)}${junk}`),
    fc.constantFrom(
      "{'title':'a','body':''}",
      '{title:"a",body:""}',
      '{"title":"a","body":"",}',
      '{"title":"a"\n"body":""}',
      '\u00a0{}',
      '{"title":"\\x41","body":""}',
      '{"title":"a","body":"\u0001"}',
      '[1,]',
      'undefined',
      'True',
    ),
  )
  .filter((text) => text.trim() !== '' && !isJson(text))
  .map((text) => Buffer.from(text, 'utf8'));

/** JSON that is not a note: other types, missing or extra keys, wrong lengths, lone surrogates, and anything else. */
export const notANote = fc
  .oneof(
    fc.jsonValue(),
    fc
      .tuple(
        validNote,
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue(), { minKeys: 1, maxKeys: 3 }),
      )
      .map(([note, extra]) => ({ ...extra, ...note, ...extra })),
    fc
      .tuple(validNote, fc.constantFrom('title', 'body'), fc.jsonValue())
      .map(([note, key, value]) => ({ ...note, [key]: value })),
    validNote.map(({ body }) => ({ body })),
    fc.integer({ min: 201, max: 400 }).map((n) => ({ title: 't'.repeat(n), body: '' })),
    fc.integer({ min: 10_001, max: 12_000 }).map((n) => ({ title: 't', body: '😀'.repeat(n) })),
    fc
      .tuple(validNote, fc.constantFrom('\ud800', '\udfff', 'a\ud83d', '\ude00b'))
      .map(([note, lone]) => ({ ...note, title: `${note.title}${lone}` })),
    fc.constant({ title: '', body: '' }),
  )
  .filter((value) => !mightBeValidNote(value))
  .map((value) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'));

/** Over 64 KiB: a note with a long body, or a valid note padded with whitespace. */
export const tooLarge = fc
  .tuple(fc.integer({ min: 64 * 1024 + 1, max: 300_000 }), fc.boolean())
  .map(([size, padded]) =>
    padded
      ? Buffer.from(`${JSON.stringify({ title: 't', body: 'b' })}${' '.repeat(size)}`)
      : Buffer.from(JSON.stringify({ title: 't', body: 'x'.repeat(size) })),
  );

/** Arrays or objects nested thousands deep, below and above the size limit. */
export const deeplyNested = fc
  .tuple(
    fc.integer({ min: 500, max: 60_000 }),
    fc.constantFrom(['[', ']'], ['{"title":', '}'], ['{"a":[', ']}']),
    fc.boolean(),
  )
  .map(([depth, [open, close], closed]) => Buffer.from(`${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`));

/** A valid note's bytes with a sequence that is not UTF-8 inside its title. */
export const invalidUtf8 = fc
  .tuple(
    validNote,
    fc.constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0xc3],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0x80],
    ),
  )
  .map(([note, bytes]) => {
    const [head, tail] = [
      `{"title":${JSON.stringify(note.title).slice(0, -1)}`,
      `","body":${JSON.stringify(note.body)}}`,
    ];
    return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
  });

/** Nothing, or only whitespace. */
export const emptyBody = fc.constantFrom('', ' ', '\n', '\r\n\t ', '\ufeff').map((text) => Buffer.from(text, 'utf8'));

/** A valid note: with a refused content type or If-Match, it must still change nothing. */
export const validNoteBytes = validNote.map((note) => Buffer.from(JSON.stringify(note)));
