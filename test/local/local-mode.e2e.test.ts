import { mkdtempSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { startLocal, type LocalMode } from '../../local/start-local';
import { silentLogger } from '../../local/log';
import { call as anonymousCall, eventually, json, normalise, type Answer } from './helpers/clouds';
import { signedInCall, tokenFor } from '../support/tokens';
import { noteEventType } from '../../contract/events';
import { AZURE_SETTINGS } from '../../contract/azure';
import { EVENTBRIDGE_SOURCE } from '../../contract/aws';

// Local mode in memory on free ports, driven over real HTTP: the HTTP contract on both clouds, the
// event path, dead letters, and a clean shutdown.

let local: LocalMode;
let dataDir: string;
let clouds: [string, string][];
/** Every request of this file is signed in as one user (owners: test/local/owners.e2e.test.ts). */
let call: typeof anonymousCall;
let token: string;
const logLines: Record<string, unknown>[] = [];
let consoleLog: jest.SpiedFunction<typeof console.log>;

beforeAll(async () => {
  consoleLog = jest.spyOn(console, 'log');
  dataDir = mkdtempSync(join(tmpdir(), 'local-mode-'));
  local = await startLocal({
    awsPort: 0,
    azurePort: 0,
    inMemory: true,
    dataDir,
    log: (line) => logLines.push(line),
    retry: { maxAttempts: 3, baseDelayMs: 5 },
  });
  clouds = [
    ['local-aws', local.awsUrl],
    ['local-azure', local.azureUrl],
  ];
  token = await tokenFor(local);
  call = signedInCall(anonymousCall, token);
});

afterAll(async () => {
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** The same request on both clouds; both answers must be the same once ids and times are normalised. */
async function onBoth(path: string | ((cloud: string) => string), init: RequestInit = {}): Promise<Answer[]> {
  const answers = await Promise.all(
    clouds.map(([name, url]) => call(url, typeof path === 'string' ? path : path(name), init)),
  );
  for (const [i, answer] of answers.entries()) expect(answer.headers.get('x-served-by')).toBe(clouds[i]![0]);
  expect(normalise(answers[1]!.text)).toBe(normalise(answers[0]!.text));
  expect(answers[1]!.status).toBe(answers[0]!.status);
  return answers;
}

async function createNote(baseUrl: string, title = 'a note'): Promise<{ id: string; location: string }> {
  const created = await call(baseUrl, '/api/notes', { method: 'POST', ...json({ title, body: 'text' }) });
  expect(created.status).toBe(201);
  return { id: (created.json as { id: string }).id, location: created.headers.get('location')! };
}

const unknownId = '01900000-0000-7000-8000-000000000000';

describe('HTTP contract on both emulated clouds', () => {
  it.each([
    ['GET /api/hello', '/api/hello', {}, 200],
    ['GET /api/hello?name=Ada', '/api/hello?name=Ada', {}, 200],
    ['GET /api/hello with a name over 100 characters', `/api/hello?name=${'x'.repeat(101)}`, {}, 400],
    ['GET /api/health', '/api/health', {}, 200],
    [
      'POST /api/notes with text/plain',
      '/api/notes',
      { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } },
      415,
    ],
    [
      'POST /api/notes with a body too large',
      '/api/notes',
      { method: 'POST', ...json({ title: 't', body: 'x'.repeat(200_000) }) },
      413,
    ],
    [
      'POST /api/notes with bad JSON',
      '/api/notes',
      { method: 'POST', body: '{"title":', headers: { 'content-type': 'application/json' } },
      400,
    ],
    ['POST /api/notes failing validation', '/api/notes', { method: 'POST', ...json({ title: '', extra: 1 }) }, 400],
    ['GET an unknown note', `/api/notes/${unknownId}`, {}, 404],
    ['GET a note id that is not a UUID', '/api/notes/not-a-uuid', {}, 404],
    ['GET /api/notes?limit=0', '/api/notes?limit=0', {}, 400],
    ['GET /api/notes?limit=abc', '/api/notes?limit=abc', {}, 400],
    ['GET /api/notes with a forged cursor', '/api/notes?cursor=Zm9yZ2Vk', {}, 400],
    [
      'PUT an unknown note',
      `/api/notes/${unknownId}`,
      { method: 'PUT', ...json({ title: 't', body: '' }, { 'if-match': '"1"' }) },
      404,
    ],
    ['DELETE an unknown note', `/api/notes/${unknownId}`, { method: 'DELETE' }, 404],
    ['GET activity of an id that is not a UUID', '/api/notes/nope/activity', {}, 404],
    ['an unknown path under /api', '/api/nothing-here', {}, 404],
    ['a known path with another method', '/api/hello', { method: 'DELETE' }, 405],
  ])('%s', async (_name, path, init, status) => {
    const [aws] = await onBoth(path, init as RequestInit);
    expect(aws!.status).toBe(status);
    if (status >= 400) {
      expect(aws!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(aws!.json).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    }
    if (status === 405) expect(aws!.headers.get('allow')).toBeTruthy();
  });

  it("sends the handlers' request lines to startLocal's log, not to the console", async () => {
    await onBoth('/api/notes/not-a-uuid');
    for (const cloud of ['local-aws', 'local-azure']) {
      expect(logLines).toContainEqual(
        expect.objectContaining({
          level: 'info',
          cloud,
          method: 'GET',
          route: '/api/notes/:id',
          status: 404,
          durationMs: expect.any(Number),
        }),
      );
    }
    expect(consoleLog).not.toHaveBeenCalled();
  });

  it('says hello with the given name', async () => {
    const [aws] = await onBoth('/api/hello?name=Ada');
    expect(aws!.json).toEqual({ message: 'Hello, Ada!' });
  });

  it('creates, reads, updates with If-Match and deletes a note', async () => {
    const created = await onBoth('/api/notes', { method: 'POST', ...json({ title: 'first', body: 'hello' }) });
    for (const answer of created) {
      expect(answer.status).toBe(201);
      expect(answer.headers.get('etag')).toBe('"1"');
      expect(answer.headers.get('location')).toBe(`/api/notes/${(answer.json as { id: string }).id}`);
      expect(answer.json).toMatchObject({ title: 'first', body: 'hello', version: 1 });
    }
    const paths = new Map(clouds.map(([name], i) => [name, created[i]!.headers.get('location')!]));
    const at =
      (suffix = '') =>
      (cloud: string) =>
        `${paths.get(cloud)}${suffix}`;

    const read = await onBoth(at());
    expect(read[0]!.status).toBe(200);
    expect(read[0]!.headers.get('etag')).toBe('"1"');

    const noIfMatch = await onBoth(at(), { method: 'PUT', ...json({ title: 'x', body: '' }) });
    expect(noIfMatch[0]!.status).toBe(428);
    const badIfMatch = await onBoth(at(), { method: 'PUT', ...json({ title: 'x', body: '' }, { 'if-match': 'soon' }) });
    expect(badIfMatch[0]!.status).toBe(400);
    const stale = await onBoth(at(), { method: 'PUT', ...json({ title: 'x', body: '' }, { 'if-match': '"7"' }) });
    expect(stale[0]!.status).toBe(412);
    const badBody = await onBoth(at(), { method: 'PUT', ...json({ title: 5 }, { 'if-match': '"1"' }) });
    expect(badBody[0]!.status).toBe(400);

    const updated = await onBoth(at(), {
      method: 'PUT',
      ...json({ title: 'second', body: 'hello' }, { 'if-match': '"1"' }),
    });
    expect(updated[0]!.status).toBe(200);
    expect(updated[0]!.headers.get('etag')).toBe('"2"');
    expect(updated[0]!.json).toMatchObject({ title: 'second', version: 2 });

    expect((await onBoth(at(), { method: 'DELETE', headers: { 'if-match': 'garbage' } }))[0]!.status).toBe(400);
    expect((await onBoth(at(), { method: 'DELETE', headers: { 'if-match': '"1"' } }))[0]!.status).toBe(412);
    const deleted = await onBoth(at(), { method: 'DELETE', headers: { 'if-match': '"2"' } });
    expect(deleted[0]!.status).toBe(204);
    expect(deleted[0]!.text).toBe('');
    expect((await onBoth(at()))[0]!.status).toBe(404);
    expect((await onBoth(at(), { method: 'DELETE' }))[0]!.status).toBe(404);
  });

  it('lists notes in creation order, page by page', async () => {
    for (const [, url] of clouds) {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push((await createNote(url, `page ${i}`)).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(url, `/api/notes?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.status).toBe(200);
        const body = page.json as { items: { id: string }[]; nextCursor?: string };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((n) => n.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
      expect([...seen].sort()).toEqual(seen);
    }
  });
});

describe('event path: store change → stream → bus → subscriber → activity', () => {
  const types = (answer: Answer) => (answer.json as { items: { type: string }[] }).items.map((a) => a.type);

  it.each([['local-aws'], ['local-azure']])('%s records created, updated and deleted in order', async (cloudName) => {
    const url = clouds.find(([name]) => name === cloudName)![1];
    const { location } = await createNote(url);
    await eventually(async () =>
      expect(types(await call(url, `${location}/activity`))).toEqual([noteEventType('created')]),
    );
    expect(
      (await call(url, location, { method: 'PUT', ...json({ title: 'changed', body: '' }, { 'if-match': '*' }) }))
        .status,
    ).toBe(200);
    await eventually(async () =>
      expect(types(await call(url, `${location}/activity`))).toEqual([
        noteEventType('created'),
        noteEventType('updated'),
      ]),
    );
    expect((await call(url, location, { method: 'DELETE' })).status).toBe(204);
    const activity = await eventually(async () => {
      const answer = await call(url, `${location}/activity`);
      // In order on both clouds, although DynamoDB Streams date a REMOVE in whole seconds.
      expect(types(answer)).toEqual([noteEventType('created'), noteEventType('updated'), noteEventType('deleted')]);
      return answer;
    });
    const versions = (activity.json as { items: { type: string; version: number }[] }).items.map(
      (a) => `${a.type}@${a.version}`,
    );
    expect(versions).toEqual([
      `${noteEventType('created')}@1`,
      `${noteEventType('updated')}@2`,
      `${noteEventType('deleted')}@2`,
    ]);
  });

  it('gives the same activity body on both clouds once ids and times are normalised', async () => {
    const locations = await Promise.all(clouds.map(([, url]) => createNote(url, 'same')));
    const answers = await eventually(async () => {
      const both = await Promise.all(clouds.map(([, url], i) => call(url, `${locations[i]!.location}/activity`)));
      for (const answer of both) expect(types(answer)).toEqual([noteEventType('created')]);
      return both;
    });
    expect(normalise(answers[1]!.text)).toBe(normalise(answers[0]!.text));
  });

  it('dead-letters an event the AWS subscriber cannot handle, after retries', async () => {
    const before = local.deadLetters.aws.events.length;
    const client = new EventBridgeClient({
      endpoint: process.env.AWS_ENDPOINT_URL_EVENTBRIDGE,
      region: 'us-east-1',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: process.env.EVENT_BUS_NAME,
            Source: EVENTBRIDGE_SOURCE,
            DetailType: noteEventType('created'),
            Detail: '{"not":"a cloud event"}',
          },
        ],
      }),
    );
    client.destroy();
    expect(out.FailedEntryCount).toBe(0);
    await local.drain();
    expect(local.deadLetters.aws.events.slice(before)).toEqual([
      expect.objectContaining({
        source: 'aws.eventbridge',
        attempts: 3,
        item: expect.objectContaining({ detail: { not: 'a cloud event' } }),
      }),
    ]);
  });

  it('dead-letters an event the Azure subscriber cannot handle, after retries', async () => {
    const before = local.deadLetters.azure.events.length;
    const response = await fetch(process.env[AZURE_SETTINGS.topicEndpoint]!, {
      method: 'POST',
      headers: {
        'aeg-sas-key': process.env.EVENTGRID_KEY!,
        'content-type': 'application/cloudevents-batch+json; charset=utf-8',
      },
      body: JSON.stringify([{ specversion: '1.0', id: 'x', source: '/elsewhere', type: 'com.example.other' }]),
    });
    expect(response.status).toBe(200);
    await local.drain();
    expect(local.deadLetters.azure.events.slice(before)).toEqual([
      expect.objectContaining({ source: 'azure.eventgrid', attempts: 3, item: expect.objectContaining({ id: 'x' }) }),
    ]);
  });
});

describe('emulator wiring', () => {
  it("serves Cosmos over TLS that only the app's Cosmos client trusts", async () => {
    expect(process.env.COSMOS_ENDPOINT).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    await expect(fetch(process.env.COSMOS_ENDPOINT!)).rejects.toThrow();
    expect((await call(local.azureUrl, '/api/health')).status).toBe(200);
  });
});

describe('shutdown', () => {
  function canListen(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  }

  /** A POST whose body is still arriving: in flight until `finish` sends the rest. */
  function slowCreate(baseUrl: string) {
    const url = new URL(baseUrl);
    const body = JSON.stringify({ title: 'in flight', body: 'during shutdown' });
    let resolveStatus: (status: number) => void;
    const status = new Promise<number>((resolve) => (resolveStatus = resolve));
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/notes',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolveStatus(res.statusCode ?? 0));
      },
    );
    req.write(body.slice(0, 10));
    return {
      finish: () => {
        req.end(body.slice(10));
        return status;
      },
    };
  }

  it('writes urls.json while running, then stops: requests in flight finish, ports released, file removed, nothing left undelivered', async () => {
    expect(existsSync(local.urlsFile!)).toBe(true);
    // The issuer is in it, so `npm run token` and compare find it.
    expect(JSON.parse(readFileSync(local.urlsFile!, 'utf8'))).toMatchObject({
      awsUrl: local.awsUrl,
      azureUrl: local.azureUrl,
      issuer: local.issuer!.issuer,
    });
    for (const [, url] of clouds) await createNote(url, 'written just before stop');
    const inFlight = clouds.map(([, url]) => slowCreate(url));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the requests reach the servers
    let stopped = false;
    const stopping = local.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    expect(await Promise.all(inFlight.map((r) => r.finish()))).toEqual([201, 201]);
    await stopping;
    expect(local.pending()).toBe(0);
    expect(local.deadLetters.aws.stream).toEqual([]);
    expect(local.deadLetters.azure.changeFeed).toEqual([]);
    expect(existsSync(local.urlsFile!)).toBe(false);
    for (const [, url] of clouds) {
      expect(await canListen(Number(new URL(url).port))).toBe(true);
      await expect(fetch(`${url}/api/hello`)).rejects.toThrow();
    }
    await expect(local.stop()).resolves.toBeUndefined();
  });

  it("starts again in the same process, and the handlers' cached clients find the emulators", async () => {
    const again = await startLocal({ awsPort: 0, azurePort: 0, inMemory: true, dataDir, log: silentLogger });
    const before = call;
    try {
      // A new issuer with new keys: the first instance's token is refused, the new one's accepted.
      call = signedInCall(anonymousCall, await tokenFor(again));
      for (const url of [again.awsUrl, again.azureUrl]) {
        const stale = await before(url, '/api/notes');
        expect([stale.status, stale.headers.get('www-authenticate')]).toEqual([
          401,
          expect.stringContaining('error="invalid_token"'),
        ]);
        const { location } = await createNote(url, 'after a restart');
        await eventually(async () => {
          const activity = await call(url, `${location}/activity`);
          expect((activity.json as { items: { type: string }[] }).items.map((a) => a.type)).toEqual([
            noteEventType('created'),
          ]);
        });
      }
    } finally {
      call = before;
      await again.stop();
    }
  });
});
