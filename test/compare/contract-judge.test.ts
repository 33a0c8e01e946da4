// The judge, rule by rule: a right answer meets each expectation; each kind of stray is named by its
// rule with what was expected and what was found.
import { judge } from '../../compare/contract-judge';
import { json, methodNotAllowed, noContent, noteAnswer, problem, unauthorized } from '../../compare/expectation';
import { HealthSchema } from '../../handlers/core/response-schemas';
import type { StepOutcome } from '../../compare/types';

const ID = '019ab000-0000-7000-8000-00000000aaaa';
const NOTE = {
  id: ID,
  title: 't',
  body: 'b',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  version: 1,
};
const answer = (status: number, headers: Record<string, string>, body?: unknown): StepOutcome => ({
  status,
  headers: { 'x-served-by': 'aws', ...headers },
  body,
  latencyMs: 1,
});
const rules = (outcome: StepOutcome, expected: Parameters<typeof judge>[3]) =>
  judge('s', 'aws', outcome, expected).map((v) => `${v.rule}: ${v.expected} / ${v.found}`);

test('a created note: status, JSON, ETag, Location (absolute accepted) and body all as expected', () => {
  const expected = noteAnswer(201, { id: ID, title: 't', body: 'b', version: 1 });
  const ok = answer(
    201,
    { 'content-type': 'application/json; charset=UTF-8', etag: '"1"', location: `https://x.example/api/notes/${ID}` },
    NOTE,
  );
  expect(rules(ok, expected)).toEqual([]);
  const stray = answer(
    201,
    { 'content-type': 'text/json', etag: 'W/"1"', location: `/notes/${ID}` },
    { ...NOTE, title: 'other', extra: 1 },
  );
  expect(rules(stray, expected)).toEqual([
    'header:content-type: application/json / "text/json"',
    'header:etag: "1" / "W/\\"1\\""',
    `header:location: /api/notes/${ID} / "/notes/${ID}"`,
    'body.title: "t" / "other"',
    'body.extra: no such key / 1',
  ]);
});

test('a 405 must list the route’s methods in Allow, in any order', () => {
  const expected = methodNotAllowed('/api/notes');
  const body = { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'PATCH is not allowed here.' };
  const typed = { 'content-type': 'application/problem+json' };
  expect(rules(answer(405, { ...typed, allow: 'POST, HEAD, GET' }, body), expected)).toEqual([]);
  expect(rules(answer(405, { ...typed, allow: 'GET' }, body), expected)).toEqual([
    'header:allow: GET, HEAD, POST / "GET"',
  ]);
  expect(rules(answer(405, typed, body), expected)).toEqual(['header:allow: GET, HEAD, POST / (absent)']);
});

test('a problem must carry its reason phrase, and validation problems must name the fields', () => {
  const typed = { 'content-type': 'application/problem+json' };
  const body = {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'Invalid query.',
    errors: [{ path: 'limit', message: 'm' }],
  };
  expect(rules(answer(400, typed, body), problem(400, 'limit'))).toEqual([]);
  expect(rules(answer(400, typed, body), problem(400, 'cursor'))).toEqual([
    expect.stringMatching(/^body: errors must name cursor \/ \{"type":"about:blank",/),
  ]);
  expect(rules(answer(400, typed, { ...body, title: 'Oops' }), problem(400))).toEqual([
    'body.title: "Bad Request" / "Oops"',
  ]);
});

test('a 204 has no body; a 503 needs Retry-After; the wrong status hides nothing else but x-served-by', () => {
  expect(rules(answer(204, {}), noContent)).toEqual([]);
  expect(rules(answer(204, {}, 'done'), noContent)).toEqual(['body: no body / "done"']);
  expect(
    rules(
      answer(
        503,
        { 'content-type': 'application/problem+json' },
        { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'd' },
      ),
      problem(503),
    ),
  ).toEqual(['header:retry-after: 1 / (absent)']);
  const wrong = { ...answer(404, {}, 'nope'), headers: {} };
  expect(rules(wrong, json(200, HealthSchema))).toEqual([
    'header:x-served-by: aws or local-aws / (absent)',
    'status: 200 / 404',
  ]);
  expect(
    judge('s', 'azure', answer(200, { 'content-type': 'application/json' }, { status: 'ok' }), json(200, HealthSchema)),
  ).toEqual([
    { step: 's', cloud: 'azure', rule: 'header:x-served-by', expected: 'azure or local-azure', found: '"aws"' },
  ]);
});

test('no answer at all is one violation', () => {
  const none: StepOutcome = {
    status: undefined,
    headers: {},
    body: undefined,
    latencyMs: 5,
    error: 'timed out after 5 ms',
  };
  expect(rules(none, noContent)).toEqual(['answer: an answer with status 204 / timed out after 5 ms']);
});

test('a missing body key and an unknown one are said plainly', () => {
  const typed = { 'content-type': 'application/problem+json' };
  expect(rules(answer(404, typed, { message: 'Not Found' }), problem(404))).toEqual([
    'body.type: a value / (absent)',
    'body.title: a value / (absent)',
    'body.status: a value / (absent)',
    'body.detail: a value / (absent)',
    'body.message: no such key / "Not Found"',
  ]);
});

test("a 401 must carry the app's Bearer challenge: no error code without a token, invalid_token with a bad one", () => {
  const body = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'x.' };
  const typed = { 'content-type': 'application/problem+json' };
  const missing = 'Bearer realm="notes"';
  const invalid = 'Bearer realm="notes", error="invalid_token", error_description="The token signature is not valid"';
  expect(rules(answer(401, { ...typed, 'www-authenticate': missing }, body), unauthorized('no token'))).toEqual([]);
  expect(rules(answer(401, { ...typed, 'www-authenticate': invalid }, body), unauthorized('bad token'))).toEqual([]);
  expect(rules(answer(401, typed, body), unauthorized('no token'))).toEqual([
    'header:www-authenticate: /^Bearer realm="notes"$/ / (absent)',
  ]);
  expect(rules(answer(401, { ...typed, 'www-authenticate': invalid }, body), unauthorized('no token'))).toHaveLength(1);
  expect(
    rules(answer(401, { ...typed, 'www-authenticate': 'Basic realm="notes"' }, body), unauthorized('bad token'))[0],
  ).toMatch(/^header:www-authenticate: /);
});
