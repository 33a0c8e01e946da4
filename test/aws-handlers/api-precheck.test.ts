// Regressions found by fuzzing over HTTP (test/reliability): API Gateway hands the Lambda a decoded
// rawPath, and the adapter must neither let it be re-read as another URL nor build a Request it cannot.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { Hono } from 'hono';
import { apiHandler, lambdaHandlerFor } from '../../handlers/aws/api-handler';
import { encodeDecodedPath } from '../../handlers/core/path-decoding';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import { expectValidV2Result, jsonOf, retarget, v2Request } from './support/v2-events';

async function withOneNote() {
  const notes = new MemoryNoteStore();
  const handler = apiHandler({ auth: noSignIn(), notes, activity: new MemoryActivityStore(), servedBy: 'aws' });
  const created = await handler(v2Request('POST', '/api/notes', { body: { title: 'keep me', body: '' } }));
  expect(created.statusCode).toBe(201);
  const id = (jsonOf(created) as { id: string }).id;
  const stillThere = async () => (await handler(v2Request('GET', `/api/notes/${id}`))).statusCode === 200;
  return { handler, id, stillThere, count: async () => (await notes.list(OWNER, { limit: 100 })).items.length };
}

function expectProblem(result: Awaited<ReturnType<ReturnType<typeof apiHandler>>>, status: number) {
  expectValidV2Result(result);
  expect(result.statusCode).toBe(status);
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  expect(result.headers?.['x-served-by']).toBe('aws');
  return jsonOf(result) as { status: number; detail: string };
}

describe('encodeDecodedPath', () => {
  it('encodes what may not stand raw in a path, "%" included, and keeps pchars and slashes', () => {
    expect(encodeDecodedPath("/a b?c#d%41\n\té/!$&'()*+,;=:@-._~")).toBe(
      "/a%20b%3Fc%23d%2541%0A%09%C3%A9/!$&'()*+,;=:@-._~",
    );
  });

  it('turns a lone surrogate into U+FFFD instead of throwing', () => {
    expect(encodeDecodedPath('/x\ud800')).toBe('/x%EF%BF%BD');
  });
});

describe('a decoded rawPath reaches the app as the client sent it', () => {
  it.each(['\n', ' ', '?x=1', '#x'])(
    'DELETE of a note id followed by %j is 404 and deletes nothing',
    async (suffix) => {
      const { handler, id, stillThere } = await withOneNote();
      // v2Request would split at "?": the decoded rawPath is set as API Gateway sends it.
      const result = await handler(
        retarget(v2Request('DELETE', '/', { headers: { 'if-match': '*' } }), { path: `/api/notes/${id}${suffix}` }),
      );
      expect(expectProblem(result, 404).status).toBe(404);
      expect(await stillThere()).toBe(true);
    },
  );

  it('keeps a decoded "%" literal: a client\'s %2541 is the text "%41", not "A"', async () => {
    const app = new Hono();
    app.get('/files/:name', (c) => c.json({ name: c.req.param('name') }));
    expect(jsonOf(await lambdaHandlerFor(app)(v2Request('GET', '/files/a%41')))).toEqual({ name: 'a%41' });
  });
});

describe('dot segments from decoded %2F are not resolved onto other routes', () => {
  it('GET /api/hello/x%2F..%2F..%2Fhello (decoded by API Gateway) is 404, not hello', async () => {
    const { handler } = await withOneNote();
    const problem = expectProblem(await handler(v2Request('GET', '/api/hello/x/../../hello')), 404);
    expect(problem.detail).toBe(
      'There is no route GET /api/hello/x/../../hello: "." and ".." path segments are not resolved.',
    );
  });

  it('DELETE /api/notes/x%2F..%2F<id> is 404 and the note stays', async () => {
    const { handler, id, stillThere } = await withOneNote();
    expectProblem(await handler(v2Request('DELETE', `/api/notes/x/../${id}`, { headers: { 'if-match': '*' } })), 404);
    expect(await stillThere()).toBe(true);
  });
});

describe("requests fetch's Request cannot carry, or carries differently", () => {
  it.each(['TRACE', 'TRACK'])('%s /api/hello is a 405 problem with Allow, not a 500', async (method) => {
    const { handler } = await withOneNote();
    const result = await handler(v2Request(method, '/api/hello'));
    expect(expectProblem(result, 405).detail).toBe(`${method} is not allowed here; use GET, HEAD.`);
    expect(result.headers?.allow).toBe('GET, HEAD');
  });

  it.each(['application/jsoné', 'application/json; x=é'])(
    'a create with content-type %j is 400 naming the header, and stores nothing',
    async (type) => {
      const { handler, count } = await withOneNote();
      const result = await handler(
        v2Request('POST', '/api/notes', { body: { title: 't', body: '' }, headers: { 'content-type': type } }),
      );
      expect(expectProblem(result, 400).detail).toContain('content-type header');
      expect(await count()).toBe(1);
    },
  );

  it('a cookie that is not ASCII is 400 too (API Gateway moves cookies out of headers)', async () => {
    const { handler } = await withOneNote();
    const event = { ...v2Request('GET', '/api/hello'), cookies: ['name=☃'] };
    expect(expectProblem(await handler(event), 400).detail).toContain('cookie header');
  });
});
