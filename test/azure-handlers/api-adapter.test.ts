// The Functions HTTP adapter must be invisible: for the same request, the same status, headers and
// body bytes as core's app called directly, and as the AWS (API Gateway payload 2.0) adapter.
import { noSignIn } from '../../handlers/core/auth/authenticator';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { Hono } from 'hono';
import { createApiHandler, type FetchApp } from '../../handlers/azure/api';
import { servedByFor } from '../../contract/served-by';
import { apiHandler as awsApiHandler } from '../../handlers/aws/api-handler';
import { createApp } from '../../handlers/core/app';
import { newNoteId } from '../../handlers/core/ids';
import { MAX_BODY_BYTES } from '../../handlers/core/json-body';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';

const ORIGIN = 'https://notes-app.azurewebsites.net';

interface Probe {
  method: string;
  path: string; // with query
  headers?: Record<string, string>;
  body?: string;
}

interface Seen {
  status: number;
  headers: [string, string][];
  body: string; // base64, so bytes compare exactly
}

const sorted = (headers: [string, string][]) =>
  headers
    .map(([k, v]) => [k.toLowerCase(), v] as [string, string])
    .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));

// newNoteId has random bits: make the ids once and hand every app the same sequence.
const IDS = Array.from({ length: 5 }, (_, i) => newNoteId(Date.UTC(2026, 0, 1) + i));
const FIRST_ID = IDS[0]!;

/** Identical apps: same stores (empty), same clock, same id sequence. */
function deterministicApp() {
  let next = 0;
  let tick = 0;
  return createApp({
    auth: noSignIn(),
    notes: new MemoryNoteStore(),
    activity: new MemoryActivityStore(),
    servedBy: 'azure',
    now: () => new Date(Date.UTC(2026, 0, 2) + 1000 * tick++),
    newId: () => IDS[next++]!,
  });
}

const json = { 'content-type': 'application/json' };
const PROBES: Probe[] = [
  { method: 'GET', path: '/api/hello' },
  { method: 'GET', path: '/api/hello?name=Ada%20Lovelace%20%F0%9F%A5%95' },
  { method: 'GET', path: '/api/health' },
  {
    method: 'POST',
    path: '/api/notes',
    headers: json,
    body: JSON.stringify({ title: 'Einkäufe 🥕', body: 'milk\n"eggs"' }),
  },
  { method: 'POST', path: '/api/notes', headers: json, body: JSON.stringify({ title: 'second', body: '' }) },
  { method: 'POST', path: '/api/notes', headers: { 'content-type': 'text/plain' }, body: 'hello' },
  { method: 'POST', path: '/api/notes', headers: json, body: '{"title": ' },
  { method: 'POST', path: '/api/notes', headers: json, body: JSON.stringify({ title: '', body: 1, extra: true }) },
  {
    method: 'POST',
    path: '/api/notes',
    headers: json,
    body: JSON.stringify({ title: 'big', body: 'x'.repeat(MAX_BODY_BYTES) }),
  },
  { method: 'GET', path: `/api/notes/${FIRST_ID}` },
  { method: 'GET', path: '/api/notes/not-a-uuid' },
  { method: 'GET', path: '/api/notes?limit=1' },
  { method: 'GET', path: '/api/notes?limit=0' },
  { method: 'GET', path: '/api/notes?limit=5&cursor=garbage' },
  { method: 'PUT', path: `/api/notes/${FIRST_ID}`, headers: json, body: JSON.stringify({ title: 't2', body: 'b2' }) },
  {
    method: 'PUT',
    path: `/api/notes/${FIRST_ID}`,
    headers: { ...json, 'if-match': '"1"' },
    body: JSON.stringify({ title: 't2', body: 'b2' }),
  },
  {
    method: 'PUT',
    path: `/api/notes/${FIRST_ID}`,
    headers: { ...json, 'if-match': '"1"' },
    body: JSON.stringify({ title: 't3', body: 'b3' }),
  },
  {
    method: 'PUT',
    path: `/api/notes/${FIRST_ID}`,
    headers: { ...json, 'if-match': 'yes' },
    body: JSON.stringify({ title: 't3', body: 'b3' }),
  },
  { method: 'GET', path: `/api/notes/${FIRST_ID}/activity` },
  { method: 'DELETE', path: `/api/notes/${FIRST_ID}`, headers: { 'if-match': '"7"' } },
  { method: 'DELETE', path: `/api/notes/${FIRST_ID}` },
  { method: 'GET', path: `/api/notes/${FIRST_ID}` },
  { method: 'DELETE', path: `/api/notes/${FIRST_ID}` },
  { method: 'DELETE', path: '/api/notes' },
  { method: 'PATCH', path: '/api/hello' },
  { method: 'GET', path: '/api/no/such/route' },
];

/** What a probe's answer looks like, from a fetch Response or the Functions library's HttpResponse. */
async function seenOf(response: Pick<Response, 'status' | 'headers' | 'arrayBuffer'>): Promise<Seen> {
  const headers: [string, string][] = [];
  response.headers.forEach((v, k) => {
    headers.push([k, v]);
  });
  return {
    status: response.status,
    headers: sorted(headers),
    body: Buffer.from(await response.arrayBuffer()).toString('base64'),
  };
}

async function viaCore(app: FetchApp, probe: Probe): Promise<Seen> {
  const response = await app.fetch(
    new Request(ORIGIN + probe.path, { method: probe.method, headers: probe.headers, body: probe.body }),
  );
  return seenOf(response);
}

function azureRequest(probe: Probe): HttpRequest {
  return new HttpRequest({
    method: probe.method,
    url: ORIGIN + probe.path,
    headers: probe.headers ?? {},
    ...(probe.body === undefined ? {} : { body: { string: probe.body } }),
  });
}

async function viaAzure(app: FetchApp, probe: Probe): Promise<Seen> {
  const init = await createApiHandler(() => app)(azureRequest(probe), new InvocationContext({ functionName: 'api' }));
  // Read it back the way the Functions library does before handing it to the host.
  const response = new HttpResponse(init);
  return seenOf(response);
}

function apiGatewayEvent(probe: Probe): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = probe.path.split('?');
  const query = new URLSearchParams(rawQueryString);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    headers: { host: new URL(ORIGIN).host, ...(probe.headers ?? {}) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: new URL(ORIGIN).host,
      domainPrefix: 'notes-app',
      http: { method: probe.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...(probe.body === undefined ? {} : { body: probe.body }),
  };
}

async function viaAws(probe: Probe, handler: ReturnType<typeof awsApiHandler>): Promise<Seen> {
  const result = await handler(apiGatewayEvent(probe));
  const headers = Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8').toString('base64');
  return { status: result.statusCode, headers: sorted(headers), body };
}

describe('Azure Functions api adapter', () => {
  it("answers every probe exactly as core's app does", async () => {
    const core = deterministicApp();
    const azure = deterministicApp();
    for (const probe of PROBES) {
      const expected = await viaCore(core, probe);
      expect({ probe, seen: await viaAzure(azure, probe) }).toEqual({ probe, seen: expected });
    }
  });

  it('answers every probe exactly as the AWS adapter does', async () => {
    const azure = deterministicApp();
    let tick = 0;
    let next = 0;
    const aws = awsApiHandler({
      auth: noSignIn(),
      notes: new MemoryNoteStore(),
      activity: new MemoryActivityStore(),
      servedBy: 'azure', // the header is the one intended difference; everything else must match
      now: () => new Date(Date.UTC(2026, 0, 2) + 1000 * tick++),
      newId: () => IDS[next++]!,
    });
    const statuses: number[] = [];
    for (const probe of PROBES) {
      const seen = await viaAzure(azure, probe);
      statuses.push(seen.status);
      expect({ probe, seen }).toEqual({ probe, seen: await viaAws(probe, aws) });
    }
    // The probes really covered the contract's outcomes, not 404s all the way.
    expect(new Set(statuses)).toEqual(new Set([200, 201, 204, 400, 404, 405, 412, 413, 415, 428]));
  });

  it('passes method, path, query, headers and body bytes through unchanged', async () => {
    const echo = new Hono().all('*', async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json({
        method: c.req.method,
        url: c.req.url,
        query: c.req.queries('tag'),
        header: c.req.header('x-custom'),
        body: Buffer.from(bytes).toString('base64'),
      });
    });
    const raw = Uint8Array.from([0, 255, 254, 10, 13, 0x80]);
    const request = new HttpRequest({
      method: 'POST',
      url: `${ORIGIN}/api/echo/a%20b?tag=1&tag=two`,
      // ASCII only: values that are not are refused alike on both clouds (api-precheck.test.ts).
      headers: { 'x-custom': 'a "b", c;\t=d', 'content-type': 'application/octet-stream' },
      body: { bytes: raw },
    });
    const init = await createApiHandler(() => echo)(request, new InvocationContext());
    expect(JSON.parse(Buffer.from(init.body as Uint8Array).toString('utf8'))).toEqual({
      method: 'POST',
      url: `${ORIGIN}/api/echo/a%20b?tag=1&tag=two`,
      query: ['1', 'two'],
      header: 'a "b", c;\t=d',
      body: Buffer.from(raw).toString('base64'),
    });
  });

  it('returns every Set-Cookie as a cookie, since the host keeps one value per header name', async () => {
    const cookies = new Hono().get('*', () => {
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1; Path=/; HttpOnly; Secure; SameSite=Lax');
      headers.append('set-cookie', 'b=two; Max-Age=60; Domain=example.com; Expires=Wed, 21 Oct 2026 07:28:00 GMT');
      headers.append('set-cookie', 'no-pair-here');
      return new Response('ok', { headers });
    });
    const init = await createApiHandler(() => cookies)(
      new HttpRequest({ method: 'GET', url: `${ORIGIN}/api/x` }),
      new InvocationContext(),
    );
    expect(init.cookies).toEqual([
      { name: 'a', value: '1', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' },
      { name: 'b', value: 'two', maxAge: 60, domain: 'example.com', expires: new Date('2026-10-21T07:28:00Z') },
    ]);
    expect((init.headers as [string, string][]).map(([k]) => k)).not.toContain('set-cookie');
    expect(Buffer.from(init.body as Uint8Array).toString()).toBe('ok');
  });

  it('sends no body for 204 and HEAD, as the host requires', async () => {
    const app = new Hono().delete('*', (c) => c.body(null, 204)).get('*', (c) => c.text('body'));
    const handler = createApiHandler(() => app);
    const deleted = await handler(
      new HttpRequest({ method: 'DELETE', url: `${ORIGIN}/api/x` }),
      new InvocationContext(),
    );
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const head = await handler(new HttpRequest({ method: 'HEAD', url: `${ORIGIN}/api/x` }), new InvocationContext());
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
  });

  it('accepts only an Azure SERVED_BY, defaulting to azure', () => {
    expect(servedByFor('azure', undefined)).toBe('azure');
    expect(servedByFor('azure', 'local-azure')).toBe('local-azure');
    expect(() => servedByFor('azure', 'aws')).toThrow('SERVED_BY must be azure or local-azure, not "aws"');
  });
});
