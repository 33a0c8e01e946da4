// The comparison rules: ids, times and cursors by shape, ids of this run by role, everything else
// exactly; every difference named by step, path and both values.
import { compareOutcomes } from '../../compare/compare-outcomes';
import { BODY_RULES } from '../../compare/compare-rules';
import { type CompareContext, compareValues } from '../../compare/compare-values';
import { SCENARIO } from '../../compare/scenario';
import type { Difference, StepOutcome } from '../../compare/types';
import { noteEventType } from '../../contract/events';

const AWS_ID = '019ab000-0000-7000-8000-00000000aaaa';
const AZURE_ID = '019ab111-1111-7111-8111-11111111bbbb';
const OTHER_ID = '019ab222-2222-7222-8222-22222222cccc';

const ctx = (step = 'get'): CompareContext => ({
  step,
  aliases: { aws: new Map([[AWS_ID, 'note-1']]), azure: new Map([[AZURE_ID, 'note-1']]) },
});

function diff(aws: unknown, azure: unknown, step?: string): Difference[] {
  const out: Difference[] = [];
  compareValues(aws, azure, '', ctx(step), out);
  return out;
}

const note = (id: string, extra: object = {}) => ({
  id,
  title: 't',
  body: 'b',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  version: 1,
  ...extra,
});

test('the same note on each cloud matches: ids by role, times by shape', () => {
  expect(
    diff(
      note(AWS_ID),
      note(AZURE_ID, { createdAt: '2027-01-01T00:00:00.123Z', updatedAt: '2027-01-01T00:00:00.123Z' }),
    ),
  ).toEqual([]);
});

test('an id that names a different note, or is not a UUID, is a difference at its path', () => {
  expect(diff(note(AWS_ID), note(OTHER_ID))).toEqual([
    { step: 'get', path: 'id', aws: `"${AWS_ID}"`, azure: `"${OTHER_ID}"` },
  ]);
  expect(diff(note(AWS_ID), note('42'))).toEqual([
    { step: 'get', path: 'id', aws: `"${AWS_ID}"`, azure: '"42" (not a lower-case UUID)' },
  ]);
  expect(diff(note(AWS_ID), note(AZURE_ID.toUpperCase()))[0]?.path).toBe('id');
});

test('times must be ISO UTC with milliseconds', () => {
  expect(diff(note(AWS_ID), note(AZURE_ID, { updatedAt: '2026-11-25T10:00:00Z' }))).toEqual([
    {
      step: 'get',
      path: 'updatedAt',
      aws: '"2026-11-25T10:00:00.000Z"',
      azure: '"2026-11-25T10:00:00Z" (not an ISO time with milliseconds)',
    },
  ]);
});

test('everything else is exact: values, types, missing keys and array lengths are named', () => {
  expect(diff(note(AWS_ID), note(AZURE_ID, { version: '1' }))).toEqual([
    { step: 'get', path: 'version', aws: '1', azure: '"1"' },
  ]);
  expect(diff({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toEqual([
    { step: 'get', path: 'a.b[1]', aws: '2', azure: '3' },
  ]);
  expect(diff({ a: 1 }, { a: 1, extra: true })).toEqual([
    { step: 'get', path: 'extra', aws: '(absent)', azure: 'true' },
  ]);
  expect(diff({ items: [1] }, { items: [] })).toEqual([
    { step: 'get', path: 'items', aws: '1 items', azure: '0 items' },
  ]);
  expect(diff('text', { a: 1 })).toEqual([{ step: 'get', path: '(body)', aws: '"text"', azure: '{"a":1}' }]);
});

test('this run’s ids inside text (problem details) are compared by role', () => {
  expect(diff({ detail: `Note ${AWS_ID} does not exist.` }, { detail: `Note ${AZURE_ID} does not exist.` })).toEqual(
    [],
  );
  expect(
    diff({ detail: `Note ${AWS_ID} does not exist.` }, { detail: `Note ${OTHER_ID} does not exist.` }),
  ).toHaveLength(1);
});

test('event ids: the note by role, version and kind exactly; cursors by shape', () => {
  const activity = (id: string, eventId: string) => ({
    items: [{ eventId, noteId: id, type: noteEventType('created'), version: 1, time: '2026-11-25T10:00:00.000Z' }],
  });
  expect(diff(activity(AWS_ID, `${AWS_ID}.v1.created`), activity(AZURE_ID, `${AZURE_ID}.v1.created`))).toEqual([]);
  expect(diff(activity(AWS_ID, `${AWS_ID}.v1.created`), activity(AZURE_ID, `${AZURE_ID}.v2.created`))).toEqual([
    { step: 'get', path: 'items[0].eventId', aws: `"${AWS_ID}.v1.created"`, azure: `"${AZURE_ID}.v2.created"` },
  ]);
  expect(diff({ items: [], nextCursor: 'eyJhIjoxfQ' }, { items: [], nextCursor: 'b3BhcXVl' })).toEqual([]);
  expect(diff({ items: [], nextCursor: 'eyJhIjoxfQ' }, { items: [] })).toEqual([
    { step: 'get', path: 'nextCursor', aws: '"eyJhIjoxfQ"', azure: '(absent)' },
  ]);
});

test('the first list page compares other notes by shape only, elsewhere titles are exact', () => {
  const page = (title: string) => ({ items: [note(OTHER_ID, { title })] });
  expect(diff(page('left over'), page('another'), 'list-first-page')).toEqual([]);
  expect(diff(page('left over'), page('another'), 'get')).toHaveLength(1);
});

test('every step a rule names exists in the scenario', () => {
  const steps = new Set(SCENARIO.map((s) => s.name));
  for (const rule of BODY_RULES) for (const step of rule.steps ?? []) expect(steps).toContain(step);
});

describe('compareOutcomes', () => {
  const outcome = (status: number, headers: Record<string, string>, body?: unknown): StepOutcome => ({
    status,
    headers,
    body,
    latencyMs: 1,
  });
  const served = (cloud: string) => ({ 'x-served-by': cloud });

  test('Location by shape and role, Allow as a set, content-type without case or spaces, ETag exactly', () => {
    const aws = outcome(201, {
      ...served('aws'),
      location: `/api/notes/${AWS_ID}`,
      allow: 'GET, POST',
      'content-type': 'application/json; charset=UTF-8',
      etag: '"1"',
    });
    const azure = outcome(201, {
      ...served('azure'),
      location: `https://x.azurewebsites.net/api/notes/${AZURE_ID}`,
      allow: 'POST,GET',
      'content-type': 'application/json;charset=utf-8',
      etag: '"1"',
    });
    expect(compareOutcomes(aws, azure, ctx('create-note-1'))).toEqual([]);
    const other = outcome(201, {
      ...served('azure'),
      location: `/notes/${AZURE_ID}`,
      allow: 'GET',
      'content-type': 'application/problem+json',
      etag: 'W/"1"',
    });
    expect(compareOutcomes(aws, other, ctx('create-note-1')).map((d) => d.path)).toEqual([
      'header:content-type',
      'header:location',
      'header:etag',
      'header:allow',
    ]);
  });

  test('charset=utf-8 on JSON is no difference; another media type or charset is', () => {
    const typed = (cloud: string, type: string) => outcome(200, { ...served(cloud), 'content-type': type });
    const paths = (a: string, b: string) =>
      compareOutcomes(typed('aws', a), typed('azure', b), ctx('hello')).map((d) => d.path);
    expect(paths('application/json', 'application/json; charset=utf-8')).toEqual([]);
    expect(paths('application/problem+json', 'Application/Problem+JSON;charset="UTF-8"')).toEqual([]);
    expect(paths('application/json', 'application/json; charset=iso-8859-1')).toEqual(['header:content-type']);
    expect(paths('application/json', 'application/problem+json')).toEqual(['header:content-type']);
    expect(paths('text/plain', 'text/plain; charset=utf-8')).toEqual(['header:content-type']);
  });

  test('a missing Retry-After, a different status and a failed request are named', () => {
    const aws = outcome(503, { ...served('local-aws'), 'retry-after': '1' });
    const azure = outcome(500, served('local-azure'));
    expect(compareOutcomes(aws, azure, ctx('health'))).toEqual([
      { step: 'health', path: 'status', aws: '503', azure: '500' },
      { step: 'health', path: 'header:retry-after', aws: '"1"', azure: '(absent)' },
    ]);
    const failed: StepOutcome = {
      status: undefined,
      headers: {},
      body: undefined,
      latencyMs: 5000,
      error: 'timed out after 5000 ms',
    };
    expect(compareOutcomes(aws, failed, ctx('health'))).toEqual([
      { step: 'health', path: 'request', aws: 'answered 503', azure: 'timed out after 5000 ms' },
    ]);
  });
});
