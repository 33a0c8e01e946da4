// The payload 2.0 adapter with the real API Gateway / Function URL fixtures: the request the app sees,
// and the result API Gateway gets back. Core's app runs on memory stores.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { Hono } from 'hono';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiHandler, lambdaHandlerFor } from '../../handlers/aws/api-handler';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import type { Note } from '../../handlers/core/ports';
import { fixtureNames } from './support/fixtures';
import { expectValidV2Result, jsonOf, retarget, V2_DIR, v2Fixture, v2Request } from './support/v2-events';

const ALL_FIXTURES = fixtureNames(V2_DIR);

/** Echoes what reached the app through the adapter, and answers with two cookies. */
function probe() {
  const app = new Hono<{ Bindings: { event: APIGatewayProxyEventV2 } }>();
  app.get('/files/:name', (c) => c.json({ name: c.req.param('name') }));
  app.all('*', async (c) => {
    c.header('set-cookie', 'session=abc; Path=/; HttpOnly', { append: true });
    c.header('set-cookie', 'theme=dark; Path=/', { append: true });
    return c.json({
      method: c.req.method,
      pathname: new URL(c.req.url).pathname,
      path: c.req.path,
      host: new URL(c.req.url).host,
      queries: c.req.queries(),
      cookie: c.req.header('cookie') ?? null,
      contentType: c.req.header('content-type') ?? null,
      body: await c.req.text(),
      authorizer: (c.env.event.requestContext as { authorizer?: unknown }).authorizer ?? null,
    });
  });
  return lambdaHandlerFor(app as unknown as Hono);
}

function coreApp() {
  const notes = new MemoryNoteStore();
  return {
    notes,
    handler: apiHandler({ auth: noSignIn(), notes, activity: new MemoryActivityStore(), servedBy: 'aws' }),
  };
}

describe('the request the app receives, from each real v2 fixture', () => {
  const handler = probe();

  it.each(ALL_FIXTURES)('%s: method, path, host, cookies and authorizer arrive unchanged', async (file) => {
    const event = v2Fixture(file);
    const result = await handler(event);
    expectValidV2Result(result);
    expect(result.statusCode).toBe(200);
    const seen = jsonOf(result) as Record<string, unknown>;
    expect(seen.method).toBe(event.requestContext.http.method);
    expect(seen.pathname).toBe(encodeURI(event.rawPath));
    expect(seen.host).toBe(event.requestContext.domainName);
    expect(seen.cookie).toBe(event.cookies ? event.cookies.join('; ') : null);
    expect(seen.authorizer).toEqual((event.requestContext as { authorizer?: unknown }).authorizer ?? null);
    // Response cookies go back in `cookies`, one per Set-Cookie.
    expect(result.cookies).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/']);
  });

  it('decodes a base64 body (Function URL capture) before the app reads it', async () => {
    const seen = jsonOf(await handler(v2Fixture('lambda-go_function-url_base64-body.json'))) as Record<string, unknown>;
    expect(seen.body).toBe('<idk/>');
    expect(seen.contentType).toBe('idk');
  });

  it('passes a plain text body through on POST', async () => {
    const seen = jsonOf(await handler(v2Fixture('lambda-go_function-url_cookies-query-text-body.json'))) as Record<
      string,
      unknown
    >;
    expect(seen.body).toBe('{"hello": "world"}');
    expect(seen.queries).toEqual({ hello: ['world'], foo: ['bar'] });
  });

  it('drops the body API Gateway passes on a GET, instead of failing the request', async () => {
    const event = v2Fixture('lambda-go_jwt-authorizer.json');
    expect(event.requestContext.http.method).toBe('GET');
    expect(event.body).toBeTruthy();
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
    expect((jsonOf(result) as { body: string }).body).toBe('');
  });

  it('keeps every value of a repeated query parameter (rawQueryString, not the comma-joined map)', async () => {
    const seen = jsonOf(await handler(v2Fixture('dotnet_querystring-multivalue.json'))) as {
      queries: Record<string, string[]>;
    };
    expect(seen.queries['mv-test']).toEqual(['value1', 'value2']);
    expect(seen.queries.firstName).toEqual(['Lewis']);
  });

  it("percent-decodes the query once: %2B is a plus sign (API Gateway's own map shows a space)", async () => {
    const event = v2Fixture('dotnet_querystring-encoded.json');
    expect(event.queryStringParameters?.testDateTimeOffset).toBe('2019-03-12T16:06:06.549817 00:00');
    const seen = jsonOf(await handler(event)) as { queries: Record<string, string[]> };
    expect(seen.queries.testDateTimeOffset).toEqual(['2019-03-12T16:06:06.549817+00:00']);
    expect(seen.queries.url).toEqual(['http://www.google.com']);
  });

  it('matches a path with a space in it and decodes the parameter', async () => {
    const event = retarget(v2Fixture('dotnet_space-in-path.json'), { path: '/files/file name.xml' });
    expect(jsonOf(await handler(event))).toEqual({ name: 'file name.xml' });
  });

  it('returns a binary response base64-encoded', async () => {
    const app = new Hono();
    app.get('/bytes', (c) =>
      c.body(new Uint8Array([0, 255, 1, 254]), 200, { 'content-type': 'application/octet-stream' }),
    );
    const result = await lambdaHandlerFor(app)(retarget(v2Fixture('lambda-go_no-authorizer.json'), { path: '/bytes' }));
    expectValidV2Result(result);
    expect(result.isBase64Encoded).toBe(true);
    expect([...Buffer.from(result.body, 'base64')]).toEqual([0, 255, 1, 254]);
  });
});

describe("core's app behind the adapter, with the real fixtures", () => {
  it.each(ALL_FIXTURES)('%s re-aimed at GET /api/hello?name=… answers 200 with x-served-by', async (file) => {
    const { handler } = coreApp();
    const result = await handler(retarget(v2Fixture(file), { method: 'GET', path: '/api/hello', query: 'name=Ada' }));
    expectValidV2Result(result);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['x-served-by']).toBe('aws');
    expect(result.isBase64Encoded).toBe(false);
    expect(jsonOf(result)).toEqual({ message: 'Hello, Ada!' });
  });

  it.each(ALL_FIXTURES)('%s as captured (a path outside /api) is a problem+json 404', async (file) => {
    const result = await coreApp().handler(v2Fixture(file));
    expectValidV2Result(result);
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(result.headers?.['x-served-by']).toBe('aws');
    expect(result.cookies).toBeUndefined();
  });

  it('decodes an encoded name: J%C3%BCrgen%20%26%20Co', async () => {
    const event = retarget(v2Fixture('dotnet_querystring-encoded.json'), {
      path: '/api/hello',
      query: 'name=J%C3%BCrgen%20%26%20Co',
    });
    expect(jsonOf(await coreApp().handler(event))).toEqual({ message: 'Hello, Jürgen & Co!' });
  });

  it('sees a repeated query parameter as repeated: 400 for name given twice', async () => {
    const fixture = v2Fixture('dotnet_querystring-multivalue.json');
    const event = retarget(fixture, {
      path: '/api/hello',
      query: fixture.rawQueryString.replaceAll('mv-test', 'name'),
    });
    const result = await coreApp().handler(event);
    expect(result.statusCode).toBe(400);
    expect(jsonOf(result)).toMatchObject({ errors: [{ path: 'name' }] });
  });

  it('answers 404 for a note path with a space (not an id), without touching the store', async () => {
    const { notes, handler } = coreApp();
    notes.setAvailable(false); // a store call would be a 503
    const result = await handler(
      retarget(v2Fixture('dotnet_space-in-path.json'), { path: '/api/notes/file name.xml' }),
    );
    expect(result.statusCode).toBe(404);
  });

  it('creates a note from a base64-encoded JSON body (Function URL shape)', async () => {
    const { notes, handler } = coreApp();
    const json = JSON.stringify({ title: 'from base64 🥕', body: 'ünïcödé' });
    const event = retarget(v2Fixture('lambda-go_function-url_base64-body.json'), {
      method: 'POST',
      path: '/api/notes',
      body: Buffer.from(json, 'utf8').toString('base64'),
      base64: true,
      headers: { 'content-type': 'application/json', 'content-length': '999' }, // the adapter recomputes it
    });
    const result = await handler(event);
    expectValidV2Result(result);
    expect(result.statusCode).toBe(201);
    const note = jsonOf(result) as Note;
    expect(note).toMatchObject({ title: 'from base64 🥕', body: 'ünïcödé', version: 1 });
    expect(await notes.get(OWNER, note.id)).toEqual(note);
  });

  it('refuses the captured base64 body (content-type "idk") with 415 and stores nothing', async () => {
    const { notes, handler } = coreApp();
    const event = retarget(v2Fixture('lambda-go_function-url_base64-body.json'), { path: '/api/notes' });
    const result = await handler(event);
    expect(result.statusCode).toBe(415);
    expect((await notes.list(OWNER, { limit: 10 })).items).toEqual([]);
  });

  it('refuses the captured PUT body (unknown keys) with 400 naming them, and stores nothing', async () => {
    const { notes, handler } = coreApp();
    const event = retarget(v2Fixture('dotnet_put-json-body-proxy-path.json'), { method: 'POST', path: '/api/notes' });
    const result = await handler(event);
    expect(result.statusCode).toBe(400);
    const problem = jsonOf(result) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors.map((e) => e.message).join(' ')).toMatch(/firstName/);
    expect((await notes.list(OWNER, { limit: 10 })).items).toEqual([]);
  });
});

describe('full flows through v2 events (memory stores)', () => {
  it('POST, GET, list, PUT with If-Match, stale PUT, DELETE, GET', async () => {
    const { handler } = coreApp();
    const created = await handler(v2Request('POST', '/api/notes', { body: { title: 'first', body: 'one' } }));
    expectValidV2Result(created);
    expect(created.statusCode).toBe(201);
    const note = jsonOf(created) as Note;
    expect(created.headers?.location).toBe(`/api/notes/${note.id}`);
    expect(created.headers?.etag).toBe('"1"');

    const got = await handler(v2Request('GET', `/api/notes/${note.id}`));
    expect(got.statusCode).toBe(200);
    expect(got.headers?.etag).toBe('"1"');
    expect(jsonOf(got)).toEqual(note);

    const second = jsonOf(
      await handler(v2Request('POST', '/api/notes', { body: { title: 'second', body: '' } })),
    ) as Note;
    const page = await handler(v2Request('GET', '/api/notes?limit=1'));
    const first = jsonOf(page) as { items: Note[]; nextCursor: string };
    expect(first.items).toEqual([note]);
    const rest = jsonOf(await handler(v2Request('GET', `/api/notes?limit=1&cursor=${first.nextCursor}`))) as {
      items: Note[];
      nextCursor?: string;
    };
    expect(rest).toEqual({ items: [second] });

    const put = await handler(
      v2Request('PUT', `/api/notes/${note.id}`, {
        body: { title: 'first, renamed', body: 'two' },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(put.statusCode).toBe(200);
    expect(put.headers?.etag).toBe('"2"');
    expect(jsonOf(put)).toMatchObject({ id: note.id, title: 'first, renamed', version: 2 });

    const stale = await handler(
      v2Request('PUT', `/api/notes/${note.id}`, { body: { title: 'lost', body: '' }, headers: { 'if-match': '"1"' } }),
    );
    expect(stale.statusCode).toBe(412);
    const blind = await handler(v2Request('PUT', `/api/notes/${note.id}`, { body: { title: 'lost', body: '' } }));
    expect(blind.statusCode).toBe(428);

    const deleted = await handler(v2Request('DELETE', `/api/notes/${note.id}`, { headers: { 'if-match': '"2"' } }));
    expectValidV2Result(deleted);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await handler(v2Request('GET', `/api/notes/${note.id}`))).statusCode).toBe(404);
  });

  it('answers 503 + Retry-After through the adapter when the store is down', async () => {
    const { notes, handler } = coreApp();
    notes.setAvailable(false);
    const health = await handler(v2Request('GET', '/api/health'));
    expectValidV2Result(health);
    expect(health.statusCode).toBe(503);
    expect(health.headers?.['retry-after']).toBe('1');
  });
});
