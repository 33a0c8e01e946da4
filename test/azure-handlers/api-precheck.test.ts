// Regressions found by fuzzing over HTTP (test/reliability): for the same request as a client sends it,
// the Functions adapter (URL as sent) and the AWS adapter (rawPath decoded by API Gateway) give the
// same answer, and refuse what they refuse before the app, or the store, sees it.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { createApiHandler } from '../../handlers/azure/api';
import { apiHandler as awsApiHandler } from '../../handlers/aws/api-handler';
import { createApp } from '../../handlers/core/app';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import type { Logger, RequestLogEntry } from '../../handlers/core/log';
import { decodePathLeniently } from '../../handlers/core/path-decoding';

const ORIGIN = 'https://notes-app.azurewebsites.net';
const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

interface Sent {
  method: string;
  path: string; // percent-encoded, as on the wire; no query
  headers?: Record<string, string>;
  body?: string;
}

/** Both clouds over the same one-note store contents, and what each answers. */
async function bothClouds() {
  const stores = () => ({
    auth: noSignIn(),
    notes: new MemoryNoteStore(),
    activity: new MemoryActivityStore(),
    servedBy: 'azure' as const,
    newId: () => ID,
    now: () => new Date('2026-01-02T03:04:05.678Z'),
  });
  const azureStores = stores();
  const awsStores = stores();
  const app = createApp(azureStores);
  let appCalls = 0;
  const azure = createApiHandler(
    () => ({
      routes: app.routes,
      fetch: (r: Request) => {
        appCalls++;
        return app.fetch(r);
      },
    }),
    () => 'azure',
  );
  const aws = awsApiHandler(awsStores);
  const note = {
    method: 'POST',
    path: '/api/notes',
    headers: { 'content-type': 'application/json' },
    body: '{"title":"kept","body":""}',
  };
  const viaAzure = async (sent: Sent) => {
    const init = await azure(
      new HttpRequest({
        method: sent.method,
        url: ORIGIN + sent.path,
        headers: sent.headers ?? {},
        ...(sent.body === undefined ? {} : { body: { string: sent.body } }),
      }),
      new InvocationContext(),
    );
    const response = new HttpResponse(init);
    return { status: response.status, allow: response.headers.get('allow'), text: await response.text() };
  };
  const viaAws = async (sent: Sent) => {
    const rawPath = decodePathLeniently(sent.path); // API Gateway decodes the path, %2F included
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString: '',
      headers: { host: new URL(ORIGIN).host, ...sent.headers },
      requestContext: {
        domainName: new URL(ORIGIN).host,
        http: { method: sent.method, path: rawPath },
        stage: '$default',
      },
      isBase64Encoded: false,
      ...(sent.body === undefined ? {} : { body: sent.body }),
    } as unknown as APIGatewayProxyEventV2; // only what the adapter reads
    const result = await aws(event);
    return {
      status: result.statusCode,
      allow: (result.headers?.allow as string | undefined) ?? null,
      text: String(result.body),
    };
  };
  expect((await viaAzure(note)).status).toBe(201);
  expect((await viaAws(note)).status).toBe(201);
  appCalls = 0;
  const ask = async (sent: Sent) => {
    const [onAzure, onAws] = [await viaAzure(sent), await viaAws(sent)];
    expect(onAzure).toEqual(onAws);
    return {
      ...onAzure,
      problem: (onAzure.text === '' ? undefined : JSON.parse(onAzure.text)) as { status: number; detail: string },
    };
  };
  const notesLeft = async () => [
    (await azureStores.notes.list(OWNER, { limit: 10 })).items.length,
    (await awsStores.notes.list(OWNER, { limit: 10 })).items.length,
  ];
  return { ask, notesLeft, appCalls: () => appCalls };
}

describe('the same answer on both clouds for what fuzzing found', () => {
  it.each([`/api/notes/${ID}%0A`, `/api/notes/${ID}%20`, `/api/notes/${ID}%3Fx=1`, `/api/notes/${ID}%2541`])(
    'DELETE %s is 404 and deletes nothing',
    async (path) => {
      const clouds = await bothClouds();
      expect((await clouds.ask({ method: 'DELETE', path, headers: { 'if-match': '*' } })).status).toBe(404);
      expect(await clouds.notesLeft()).toEqual([1, 1]);
    },
  );

  it.each([
    ['GET', '/api/hello/x%2F..%2F..%2Fhello'],
    ['DELETE', `/api/notes/x%2F..%2F${ID}`],
    ['GET', '/api/x%2F%2e%2e%2Fnotes'],
  ])('%s %s (dot segments once decoded) is 404 before the app, and deletes nothing', async (method, path) => {
    const clouds = await bothClouds();
    const answer = await clouds.ask({ method, path, headers: { 'if-match': '*' } });
    expect(answer.problem).toMatchObject({
      status: 404,
      detail: expect.stringContaining('"." and ".." path segments are not resolved'),
    });
    expect(clouds.appCalls()).toBe(0);
    expect(await clouds.notesLeft()).toEqual([1, 1]);
  });

  it.each(['/api/x%', '/api/notes/%E0%A4%A', `/api/notes/${ID}/x%zz`])(
    'GET %s (a malformed escape) is a 404 problem',
    async (path) => {
      expect((await (await bothClouds()).ask({ method: 'GET', path })).problem.status).toBe(404);
    },
  );

  it.each(['application/jsoné', 'application/json; x=é', 'appl\u00ecation/json'])(
    'a create with content-type %j is 400 naming the header',
    async (type) => {
      const clouds = await bothClouds();
      const answer = await clouds.ask({
        method: 'POST',
        path: '/api/notes',
        headers: { 'content-type': type },
        body: '{"title":"t","body":""}',
      });
      expect(answer.problem).toMatchObject({ status: 400, detail: expect.stringContaining('The content-type header') });
      expect(clouds.appCalls()).toBe(0);
      expect(await clouds.notesLeft()).toEqual([1, 1]);
    },
  );

  it('an unread header that is not ASCII is refused the same way', async () => {
    const answer = await (await bothClouds()).ask({ method: 'GET', path: '/api/hello', headers: { 'x-note': 'ünï' } });
    expect(answer.problem).toMatchObject({ status: 400, detail: expect.stringContaining('The x-note header') });
  });
});

describe('odd requests answered alike by both adapters (docs/ARCHITECTURE.md, "Odd requests")', () => {
  it("a Host header naming another note routes nothing: the URL is the platform's", async () => {
    const clouds = await bothClouds();
    const answer = await clouds.ask({
      method: 'DELETE',
      path: `/api/notes/${ID}`,
      headers: { host: `h.example/api/notes/0190a1b2-c3d4-7e5f-8a9b-000000000000#` },
    });
    expect(answer.status).toBe(204);
    expect(await clouds.notesLeft()).toEqual([0, 0]);
  });

  it.each([`/api/notes%2F${ID}`, `/api/notes%2f${ID}%2Factivity`])(
    '%s: %2F is a separator on both clouds (API Gateway decodes it)',
    async (path) => {
      expect((await (await bothClouds()).ask({ method: 'GET', path })).status).toBe(200);
    },
  );

  it('an empty If-Match is malformed, not missing: 400, and the note stays', async () => {
    const clouds = await bothClouds();
    expect(
      (await clouds.ask({ method: 'DELETE', path: `/api/notes/${ID}`, headers: { 'if-match': '' } })).problem,
    ).toMatchObject({ status: 400, detail: expect.stringContaining('If-Match') });
    expect(await clouds.notesLeft()).toEqual([1, 1]);
  });
});

describe("a refusal before the app is logged like the app's answers, with its reason", () => {
  it.each(['aws', 'azure'] as const)('on %s', async (cloud) => {
    const lines: RequestLogEntry[] = [];
    const log: Logger = { request: (entry) => lines.push(entry), error: () => {}, info: () => {} };
    const stores = { auth: noSignIn(), notes: new MemoryNoteStore(), activity: new MemoryActivityStore() };
    if (cloud === 'aws') {
      const event = {
        rawPath: '/api/hello',
        rawQueryString: '',
        headers: { 'x-note': 'ünï' },
        requestContext: { domainName: 'h', http: { method: 'GET' } },
      };
      await awsApiHandler({ ...stores, servedBy: 'aws', log })(event as unknown as APIGatewayProxyEventV2); // only what the adapter reads
    } else {
      const app = createApp({ ...stores, servedBy: 'azure', log });
      await createApiHandler(
        () => app,
        () => 'azure',
        () => log,
      )(
        new HttpRequest({ method: 'GET', url: `${ORIGIN}/api/hello`, headers: { 'x-note': 'ünï' } }),
        new InvocationContext(),
      );
    }
    const reason = 'The x-note header has a character that is not ASCII; header values must be ASCII.';
    expect(lines).toEqual([{ method: 'GET', route: 'unmatched', status: 400, durationMs: expect.any(Number), reason }]);
  });
});
