// A store that stops answering mid-request must become the contract's 503 + Retry-After before
// Lambda's timeout, not API Gateway's bare 5xx: the real api entry, real SDK client, dynalite behind
// a loopback proxy that can stall (hold requests without answering) or lose dynalite altogether.
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { handler as api } from '../../handlers/aws/api';
import { activityTableSchema, AWS_ENV, notesTableSchema } from '../../contract/aws';
import { setLambdaEnv } from './support/aws-env';
import { DUMMY_CREDENTIALS, type Dynalite, startDynalite } from './support/dynalite';
import { jsonOf, v2Request } from './support/v2-events';

// The behaviour under test is a deadline: everything must end before the function's timeout.
const FUNCTION_TIMEOUT_SECONDS = 3;

let db: Dynalite;
let proxy: net.Server;
let proxyEndpoint: string;
let mode: 'pass' | 'stall' | 'gone' = 'pass';
const sockets: net.Socket[] = [];
let restoreEnv: () => void;

beforeAll(async () => {
  db = await startDynalite();
  const notesTable = await db.createTable(notesTableSchema, 'notes');
  const activityTable = await db.createTable(activityTableSchema, 'activity');
  const dynalitePort = Number(new URL(db.endpoint).port);
  proxy = net.createServer((client) => {
    client.on('error', () => undefined);
    if (mode === 'gone') return void client.destroy();
    const upstream = net.connect(dynalitePort, '127.0.0.1');
    sockets.push(client, upstream);
    upstream.on('error', () => client.destroy());
    // In "stall" mode bytes are read and dropped, on open connections too: a store that stopped mid-request.
    client.on('data', (chunk) => {
      if (mode === 'pass') upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  restoreEnv = setLambdaEnv({
    [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
    [AWS_ENV.notesTable]: notesTable,
    [AWS_ENV.activityTable]: activityTable,
    [AWS_ENV.eventBus]: 'unused',
    AWS_ENDPOINT_URL_DYNAMODB: proxyEndpoint,
    FUNCTION_TIMEOUT_SECONDS: String(FUNCTION_TIMEOUT_SECONDS),
  });
});

afterAll(async () => {
  restoreEnv();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await db.close().catch(() => undefined);
});

beforeEach(() => {
  // The api's request and error log lines.
  jest.spyOn(console, 'log').mockImplementation(() => {});
  jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => jest.restoreAllMocks());

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

it('answers normally while the store answers', async () => {
  mode = 'pass';
  const created = await api(v2Request('POST', '/api/notes', { body: { title: 't', body: 'b' } }));
  expect(created.statusCode).toBe(201);
});

it('answers 503 with Retry-After within the function timeout when the store stops answering', async () => {
  mode = 'stall';
  const { result, ms } = await timed(api(v2Request('POST', '/api/notes', { body: { title: 't', body: 'b' } })));
  expect(result.statusCode).toBe(503);
  expect(result.headers?.['retry-after']).toMatch(/^\d+$/);
  expect(jsonOf(result)).toMatchObject({ status: 503 });
  expect(ms).toBeLessThan(FUNCTION_TIMEOUT_SECONDS * 1000);
});

it('negative control: the same stalled store with the SDK defaults is still pending at the function timeout', async () => {
  mode = 'stall';
  const plain = new DynamoDBClient({ region: 'us-east-1', endpoint: proxyEndpoint, credentials: DUMMY_CREDENTIALS });
  const call = plain.send(new ListTablesCommand({})).then(
    () => 'answered',
    () => 'failed',
  );
  const atTimeout = new Promise((resolve) =>
    setTimeout(() => resolve('still pending'), FUNCTION_TIMEOUT_SECONDS * 1000),
  );
  expect(await Promise.race([call, atTimeout])).toBe('still pending');
  plain.destroy();
});

it('answers 503 when dynalite goes away while a request is in flight', async () => {
  mode = 'stall';
  const pending = timed(api(v2Request('GET', '/api/notes?limit=5')));
  // Let the request reach the proxy, then drop every connection and refuse new ones: dynalite is gone.
  await new Promise((resolve) => setTimeout(resolve, 200));
  mode = 'gone';
  for (const socket of sockets) socket.destroy();
  const { result, ms } = await pending;
  expect(result.statusCode).toBe(503);
  expect(result.headers?.['retry-after']).toMatch(/^\d+$/);
  expect(ms).toBeLessThan(FUNCTION_TIMEOUT_SECONDS * 1000);
});
