import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { NOTE_EVENT_SOURCE, noteEventType } from '../../contract/events';
import { changeToEvent, InvalidNoteEventError, parseNoteEvent } from '../../handlers/core/events';
import type { Note, NoteChange } from '../../handlers/core/ports';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/cloudevents', name), 'utf8'));

const note: Note = {
  id: '0192f3a4-5b6c-7d8e-9f01-23456789abcd',
  title: 'Title',
  body: 'Body',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  version: 3,
};

function refusal(input: unknown): InvalidNoteEventError {
  try {
    parseNoteEvent(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidNoteEventError);
    return error as InvalidNoteEventError;
  }
  throw new Error('parseNoteEvent accepted the input');
}

describe('changeToEvent', () => {
  it.each(['created', 'updated', 'deleted'] as const)('maps a %s change to the contract CloudEvent', (kind) => {
    const change: NoteChange = { owner: OWNER, kind, note, time: '2026-01-02T00:00:00.123Z' };
    expect(changeToEvent(change)).toEqual({
      specversion: '1.0',
      id: `${note.id}.v3.${kind}`,
      source: NOTE_EVENT_SOURCE,
      type: noteEventType(kind),
      subject: note.id,
      owner: OWNER,
      time: '2026-01-02T00:00:00.123Z',
      datacontenttype: 'application/json',
      data: { note },
    });
  });

  it('gives a re-published change the same id, and different changes different ids', () => {
    const change: NoteChange = { owner: OWNER, kind: 'updated', note, time: '2026-01-02T00:00:00.000Z' };
    expect(changeToEvent({ ...change, time: '2027-01-01T00:00:00.000Z' }).id).toBe(changeToEvent(change).id);
    expect(changeToEvent({ ...change, note: { ...note, version: 4 } }).id).not.toBe(changeToEvent(change).id);
    expect(changeToEvent({ ...change, kind: 'deleted' }).id).not.toBe(changeToEvent(change).id);
  });

  it('carries only the note fields, in a fixed order, whatever the store returned', () => {
    const fromStore = { _etag: 'x', ...note } as Note;
    const event = changeToEvent({ owner: OWNER, kind: 'created', note: fromStore, time: note.createdAt });
    expect(JSON.stringify(event.data.note)).toBe(JSON.stringify(note));
  });
});

describe('parseNoteEvent', () => {
  it('accepts what changeToEvent makes, for any note', () => {
    const anyNote = fc.record({
      id: fc.uuid().map((u) => u.toLowerCase()),
      title: fc.string(),
      body: fc.string(),
      createdAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
      updatedAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
      version: fc.integer({ min: 1, max: 1e9 }),
    });
    fc.assert(
      fc.property(
        anyNote,
        fc.constantFrom('created', 'updated', 'deleted') as fc.Arbitrary<NoteChange['kind']>,
        (n, kind) => {
          const event = changeToEvent({ owner: OWNER, kind, note: n, time: n.updatedAt });
          expect(parseNoteEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('tolerates CloudEvents extension attributes and drops them', () => {
    const withExtensions = {
      ...(fixture('json-format_03_json-object-data.json') as object),
      ...changeToEvent({ owner: OWNER, kind: 'created', note, time: note.createdAt }),
    };
    expect(withExtensions).toHaveProperty('comexampleextension1', 'value');
    const parsed = parseNoteEvent(withExtensions);
    expect(parsed).not.toHaveProperty('comexampleextension1');
    expect(parsed.subject).toBe(note.id);
  });

  it.each([
    'json-format_03_json-object-data.json',
    'json-format_05_string-data-no-datacontenttype.json',
    'json-format_06_minimal-data_base64-no-time.json',
  ])('refuses the CloudEvents spec example %s, naming what is wrong', (name) => {
    const error = refusal(fixture(name));
    expect(error.message).toMatch(/^not a note event: /);
    expect(error.problems).toEqual(expect.arrayContaining([`source must be "${NOTE_EVENT_SOURCE}"`]));
    expect(error.problems.some((p) => p.startsWith('type must be'))).toBe(true);
  });

  it('refuses a batch: one event at a time', () => {
    expect(refusal(fixture('json-format_07_batch-two-events.json')).problems).toEqual([
      'the event must be a JSON object',
    ]);
  });

  it('names missing attributes by their path', () => {
    const good = changeToEvent({ owner: OWNER, kind: 'updated', note, time: note.updatedAt });
    const { title: _title, ...noTitle } = note;
    const { data: _data, ...noData } = good;
    expect(refusal(noData).problems).toEqual(['data is required']);
    expect(refusal({ ...good, data: { note: noTitle } }).problems).toEqual(['data.note.title is required']);
    expect(refusal({ ...good, data: 'text' }).problems).toEqual(['data must be an object']);
  });

  it.each([
    ['null', null],
    ['a string', 'event'],
    ['specversion 0.3', { specversion: '0.3' }],
    ['a non-UUID subject', { subject: 'abc' }],
    ['a time that is not RFC 3339', { time: '2026-01-02' }],
    ['an impossible date', { time: '2026-02-31T00:00:00Z' }],
    ['a subject that is not the note', { subject: '0192f3a4-5b6c-7d8e-9f01-000000000000' }],
    ['no data', { data: undefined }],
    ['a version of 0', { data: { note: { ...note, version: 0 } } }],
    ['an empty id', { id: '' }],
  ])('refuses an event with %s', (_label, change) => {
    const good = changeToEvent({ owner: OWNER, kind: 'updated', note, time: note.updatedAt });
    const input = change !== null && typeof change === 'object' ? { ...good, ...change } : change;
    expect(refusal(input).problems.length).toBeGreaterThan(0);
  });
});
