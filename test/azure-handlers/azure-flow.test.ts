// The exported Azure entry points, wired from app settings as the Functions host would run them:
// HTTP through Cosmos DB, the (replayed) change feed through Event Grid, and back in as activity.
import { ANONYMOUS_OWNER } from '../../handlers/core/auth/owner';
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { apiHandler } from '../../handlers/azure/api';
import { disposeClients } from '../../handlers/azure/clients';
import { publisherHandler } from '../../handlers/azure/publisher';
import { subscriberHandler } from '../../handlers/azure/subscriber';
import type { Note, NoteEvent } from '../../handlers/core/ports';
import { type CosmosEmulator, startCosmosEmulator } from './cosmos-emulator';
import { type EventGridStub, startEventGridStub } from './event-grid-stub';
import { noteEventType } from '../../contract/events';
import { AZURE_SETTINGS, COSMOS_CONTAINERS, type ContainerContract } from '../../contract/azure';
import { SERVED_BY_SETTING } from '../../contract/served-by';

const ORIGIN = 'http://localhost:7071';
let emulator: CosmosEmulator;
let stub: EventGridStub;
let notes: Container;
const savedEnv = { ...process.env };

const quiet = (functionName: string) => new InvocationContext({ functionName, logHandler: () => {} });

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {}); // the api's JSON request lines
  emulator = await startCosmosEmulator();
  stub = await startEventGridStub('http');
  const { database } = await emulator.client.databases.createIfNotExists({ id: 'app' });
  // The stack's containers (partition keys, TTL) under fresh names, so runs never share data.
  const { notes: notesSpec, activity: activitySpec } = COSMOS_CONTAINERS;
  const container = (spec: ContainerContract) => ({
    id: `${spec.id}-${randomUUID()}`,
    partitionKey: { paths: [spec.partitionKeyPath] },
    defaultTtl: spec.defaultTtl,
  });
  ({ container: notes } = await database.containers.create(container(notesSpec)));
  const { container: activity } = await database.containers.create(container(activitySpec));
  Object.assign(process.env, {
    ...emulator.settings,
    [AZURE_SETTINGS.database]: 'app',
    [AZURE_SETTINGS.notesContainer]: notes.id,
    [AZURE_SETTINGS.activityContainer]: activity.id,
    [AZURE_SETTINGS.topicEndpoint]: stub.endpoint,
    [AZURE_SETTINGS.topicKey]: 'local-key',
    [SERVED_BY_SETTING]: 'local-azure',
    [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  disposeClients();
  process.env = savedEnv;
  await stub.stop();
  await emulator.stop();
});

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) {
  const request = new HttpRequest({
    method,
    url: ORIGIN + path,
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: { string: JSON.stringify(init.body) } }),
  });
  const response: HttpResponseInit = await apiHandler(request, quiet('api'));
  const headers = new Map(response.headers as [string, string][]);
  const text = response.body === undefined ? '' : Buffer.from(response.body as Uint8Array).toString('utf8');
  return { status: response.status, headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const rawDoc = async (id: string) => (await notes.item(id, ANONYMOUS_OWNER).read()).resource as unknown;

it('serves the API from Cosmos DB and turns each change into one recorded activity', async () => {
  expect(await call('GET', '/api/health')).toMatchObject({ status: 200, json: { status: 'ok' } });

  const created = await call('POST', '/api/notes', { body: { title: 'Azure', body: 'first' } });
  expect(created.status).toBe(201);
  expect(created.headers.get('x-served-by')).toBe('local-azure');
  const note = created.json as unknown as Note;
  expect(created.headers.get('location')).toBe(`/api/notes/${note.id}`);
  const docs = [await rawDoc(note.id)];

  expect(
    (
      await call('PUT', `/api/notes/${note.id}`, {
        headers: { 'if-match': '"1"' },
        body: { title: 'Azure', body: 'second' },
      })
    ).status,
  ).toBe(200);
  expect(
    (await call('PUT', `/api/notes/${note.id}`, { headers: { 'if-match': '"1"' }, body: { title: 'late', body: '' } }))
      .status,
  ).toBe(412);
  docs.push(await rawDoc(note.id));
  expect(await call('GET', '/api/notes?limit=10')).toMatchObject({
    status: 200,
    json: { items: [{ id: note.id, version: 2 }] },
  });

  expect((await call('DELETE', `/api/notes/${note.id}`)).status).toBe(204);
  docs.push(await rawDoc(note.id));
  expect((await call('GET', `/api/notes/${note.id}`)).status).toBe(404);
  expect(await call('GET', '/api/notes')).toMatchObject({ status: 200, json: { items: [] } });

  // The change feed hands the publisher each version (replayed here, one batch per change).
  for (const doc of docs) await publisherHandler([doc], quiet('publisher'));
  const delivered = stub.requests.flatMap((r) => r.body as NoteEvent[]);
  expect(delivered.map((e) => e.id)).toEqual([
    `${note.id}.v1.created`,
    `${note.id}.v2.updated`,
    `${note.id}.v2.deleted`,
  ]);

  // Event Grid delivers each event (the first one twice: at-least-once delivery).
  for (const event of [...delivered, delivered[0]]) await subscriberHandler(event, quiet('subscriber'));

  const activity = await call('GET', `/api/notes/${note.id}/activity`);
  expect(activity.status).toBe(200);
  expect((activity.json!.items as { type: string; version: number }[]).map((a) => [a.type, a.version])).toEqual([
    [noteEventType('created'), 1],
    [noteEventType('updated'), 2],
    [noteEventType('deleted'), 2],
  ]);
});
