// Properties: whatever bad input arrives, the answer is a 4xx problem and no store is written.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import fc from 'fast-check';
import type { Note } from '../../handlers/core/ports';
import { JSON_TYPE, harness } from './app-harness';

const RUNS = { numRuns: 120 };
const WRITES = ['create', 'replace', 'remove'];
const codePoints = (s: string) => [...s].length;
const isWellFormed = (s: string) => !/\p{Surrogate}/u.test(s);

function isValidNoteInput(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  const { title, body } = value as Record<string, unknown>;
  return (
    keys.join() === 'body,title' &&
    typeof title === 'string' &&
    codePoints(title) >= 1 &&
    codePoints(title) <= 200 &&
    isWellFormed(title) &&
    typeof body === 'string' &&
    codePoints(body) <= 10_000 &&
    isWellFormed(body)
  );
}

const validNote = fc.record({
  title: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter((s) => codePoints(s) <= 200),
  body: fc.string({ maxLength: 300 }),
});
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
  fc.dictionary(fc.string(), fc.integer()),
);

/** Bodies (as bytes or text) that no valid note can be. */
const invalidBody: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  fc
    .jsonValue()
    .filter((v) => !isValidNoteInput(v))
    .map((v) => JSON.stringify(v)),
  fc.record({ title: notString, body: fc.oneof(fc.string(), notString) }).map((v) => JSON.stringify(v)),
  fc.record({ title: fc.string(), body: notString }).map((v) => JSON.stringify(v)),
  fc
    .tuple(
      validNote,
      fc.string({ minLength: 1 }).filter((k) => k !== 'title' && k !== 'body'),
      fc.jsonValue(),
    )
    .map(([note, key, value]) => JSON.stringify({ ...note, [key]: value })),
  fc.integer({ min: 201, max: 400 }).map((n) => JSON.stringify({ title: 'x'.repeat(n), body: '' })),
  fc.integer({ min: 10_001, max: 20_000 }).map((n) => JSON.stringify({ title: 't', body: 'y'.repeat(n) })),
  fc
    .uint8Array({ minLength: 0, maxLength: 200 })
    .map((bytes) => new Uint8Array(bytes))
    .filter((bytes) => {
      try {
        return !isValidNoteInput(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
      } catch {
        return true;
      }
    }),
  fc.integer({ min: 1, max: 9000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `{"title":${'['.repeat(depth)}${']'.repeat(depth)},"body":""}`),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** Content types that are not application/json (any charset but UTF-8 also fails). */
const wrongContentType = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'application/json-seq',
    'application/problem+json',
    'json',
    '',
  ),
  fc
    .string()
    .filter((s) => !/^\s*application\/json\s*(;|$)/i.test(s) && !/[\r\n\0]/.test(s) && /^[\x20-\x7e]*$/.test(s)),
);

async function expectRefused(res: Response) {
  expect([400, 413, 415]).toContain(res.status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await res.json()) as { status: number; detail: string };
  expect(problem.status).toBe(res.status);
  expect(problem.detail.length).toBeGreaterThan(0);
}

describe('invalid input never reaches the store', () => {
  it('POST /api/notes refuses any invalid body with a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(invalidBody, async (body) => {
        const { app, notes } = harness();
        await expectRefused(await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body }));
        expect(notes.calls).toEqual([]);
      }),
      RUNS,
    );
  });

  it('PUT /api/notes/:id refuses any invalid body and leaves the note as it was', async () => {
    const { app, notes } = harness();
    const created = (await (
      await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body: '{"title":"keep","body":"me"}' })
    ).json()) as Note;
    await fc.assert(
      fc.asyncProperty(invalidBody, fc.constantFrom('"1"', '*', undefined), async (body, ifMatch) => {
        notes.calls.length = 0;
        const headers: Record<string, string> = ifMatch ? { ...JSON_TYPE, 'if-match': ifMatch } : JSON_TYPE;
        await expectRefused(await app.request(`/api/notes/${created.id}`, { method: 'PUT', headers, body }));
        expect(notes.calls).toEqual([]);
      }),
      RUNS,
    );
    expect(await notes.inner.get(OWNER, created.id)).toEqual(created);
  });

  it('a valid note with a wrong content type is 415, written nowhere', async () => {
    await fc.assert(
      fc.asyncProperty(validNote, wrongContentType, async (note, type) => {
        const { app, notes } = harness();
        const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
        const res = await app.request('/api/notes', { method: 'POST', headers, body: JSON.stringify(note) });
        expect(res.status).toBe(415);
        expect(notes.calls).toEqual([]);
      }),
      RUNS,
    );
  });

  it('a valid note is always created (so the refusals above are not refusing everything)', async () => {
    await fc.assert(
      fc.asyncProperty(validNote, async (note) => {
        const { app } = harness();
        const res = await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(note) });
        expect(res.status).toBe(201);
        expect(await res.json()).toMatchObject(note);
      }),
      RUNS,
    );
  });

  it('any limit outside 1..100 is 400 without a store call; any inside lists', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)), async (limit) => {
        const { app, notes } = harness();
        const res = await app.request(`/api/notes?limit=${encodeURIComponent(limit)}`);
        if (/^[0-9]{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100) {
          expect(res.status).toBe(200);
        } else {
          await expectRefused(res);
          expect(notes.calls).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('any cursor is either listed or refused with 400, and nothing is written', async () => {
    const { app, notes } = harness();
    for (let i = 0; i < 3; i++)
      await app.request('/api/notes', { method: 'POST', headers: JSON_TYPE, body: '{"title":"t","body":""}' });
    notes.calls.length = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
        ),
        async (cursor) => {
          const res = await app.request(`/api/notes?limit=1&cursor=${encodeURIComponent(cursor)}`);
          if (res.status !== 200) await expectRefused(res);
        },
      ),
      RUNS,
    );
    expect(notes.calls.filter((c) => WRITES.includes(c))).toEqual([]);
  });

  it('any name up to 100 characters is greeted; longer is 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 140, unit: 'grapheme' }), async (name) => {
        const { app } = harness();
        const res = await app.request(`/api/hello?name=${encodeURIComponent(name)}`);
        if (codePoints(name) <= 100) {
          expect(res.status).toBe(200);
          expect(await res.json()).toEqual({ message: `Hello, ${name || 'world'}!` });
        } else {
          await expectRefused(res);
        }
      }),
      RUNS,
    );
  });
});
