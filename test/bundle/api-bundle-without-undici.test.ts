// The AWS api bundle as Lambda loads it, in a fresh Node process against dynalite: every route of a note's
// life, signed in or not, answers as it should, and Node's undici is never loaded: the bundle's lite
// classes stand in for Headers, Request and Response (program/bundle, esbuild's inject), and the issuer's
// documents come over node:http (handlers/core/auth/issuer-get.ts).
// Negative control: the same entry bundled without them loads undici on the first request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activityTableSchema, AWS_ENV, notesTableSchema } from '../../contract/aws';
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import { lastJsonLine, runNode } from '../../bench/run-node';
import { buildAwsBundles, repoRoot } from '../../program/bundle';
import { buildEntry } from '../../program/bundle/esbuild';
import { type LocalIssuer, startLocalIssuer } from '../../local/oidc/issuer';
import { type Dynalite, startDynalite } from '../aws-handlers/support/dynalite';
import { retarget, v2Fixture } from '../aws-handlers/support/v2-events';

const UNDICI = 'NativeModule internal/deps/undici/undici';

// In the child: the calls in order (a later one may use the note the POST made), each answer's status,
// and the first call after which undici was loaded (-1: none).
const childScript = `
const { handler } = require(process.argv[1]);
const events = JSON.parse(process.argv[2]);
(async () => {
  const statuses = [];
  let id = '';
  let undiciFrom = -1;
  for (const event of events) {
    event.rawPath = event.rawPath.replace('{id}', id);
    event.requestContext.http.path = event.rawPath;
    const result = await handler(event, { awsRequestId: 'test', getRemainingTimeInMillis: () => 30000 });
    if (result.statusCode === 201) id = JSON.parse(result.body).id;
    statuses.push(result.statusCode);
    if (undiciFrom < 0 && process.moduleLoadList.includes(${JSON.stringify(UNDICI)})) undiciFrom = statuses.length - 1;
  }
  process.stdout.write(JSON.stringify({ statuses, undiciFrom }) + '\\n');
})();
`;

const json = { 'content-type': 'application/json' };
const call = (
  method: string,
  path: string,
  change: { query?: string; body?: string; headers?: Record<string, string> } = {},
) =>
  retarget(v2Fixture('lambda-go_no-authorizer.json'), {
    method,
    path,
    query: change.query ?? '',
    body: change.body,
    headers: change.headers,
  });
const note = (title: string) => JSON.stringify({ title, body: 'b' });
const calls = [
  call('GET', '/api/hello', { query: 'name=x' }),
  call('POST', '/api/notes', { body: note('t'), headers: json }),
  call('GET', '/api/notes/{id}'),
  call('PUT', '/api/notes/{id}', { body: note('t2'), headers: { ...json, 'if-match': '"1"' } }),
  call('PUT', '/api/notes/{id}', { body: note('t3'), headers: { ...json, 'if-match': '"1"' } }),
  call('GET', '/api/notes', { query: 'limit=1' }),
  call('HEAD', '/api/notes/{id}'),
  call('POST', '/api/notes', { body: '{"title":', headers: json }),
  call('POST', '/api/notes', { body: 'x', headers: { 'content-type': 'text/plain' } }),
  call('PATCH', '/api/notes/{id}'),
  call('DELETE', '/api/notes/{id}'),
  call('GET', '/api/notes/{id}'),
];
const expected = [200, 201, 200, 200, 412, 200, 200, 400, 415, 405, 204, 404];

let db: Dynalite;
let issuer: LocalIssuer;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  db = await startDynalite();
  issuer = await startLocalIssuer();
  dir = mkdtempSync(join(tmpdir(), 'api-bundle-'));
  env = {
    PATH: process.env.PATH,
    NODE_PATH: join(repoRoot, 'node_modules'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    // Set by every Lambda runtime: the entry builds its app and warms up at load, as deployed.
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9',
    [AWS_ENV.notesTable]: await db.createTable(notesTableSchema, 'notes'),
    [AWS_ENV.activityTable]: await db.createTable(activityTableSchema, 'activity'),
    [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
  };
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.close();
  await issuer.close();
});

async function run(script: Buffer, name: string, events = calls, extraEnv: NodeJS.ProcessEnv = {}) {
  const file = join(dir, `${name}.js`);
  writeFileSync(file, script);
  const { stdout } = await runNode(['-e', childScript, file, JSON.stringify(events)], {
    env: { ...env, ...extraEnv },
    timeoutMs: 60_000,
  });
  return lastJsonLine<{ statuses: number[]; undiciFrom: number }>(stdout);
}

it("answers a note's whole life without loading undici", async () => {
  const answers = await run(buildAwsBundles().api.files['index.js'], 'lite');
  expect(answers).toEqual({ statuses: expected, undiciFrom: -1 });
});

it('negative control: bundled without the lite classes, the first call loads undici', async () => {
  const plain = buildEntry({
    entry: 'handlers/aws/api.ts',
    workingDir: repoRoot,
    outFile: 'index.js',
    external: ['@aws-sdk/*'],
  });
  const answers = await run(plain['index.js'], 'plain');
  expect(answers).toEqual({ statuses: expected, undiciFrom: 0 });
});

it('signs in without undici too: discovery and the JWKS come over node:http (issuer-get.ts)', async () => {
  const bearer = (token: string) => ({ ...json, authorization: `Bearer ${token}` });
  const events = [
    call('POST', '/api/notes', { body: note('mine'), headers: bearer(await issuer.mint('alice')) }),
    call('GET', '/api/notes/{id}', { headers: bearer(await issuer.mint('alice')) }),
    call('GET', '/api/notes/{id}', { headers: bearer(await issuer.mint('bob')) }),
    call('GET', '/api/notes/{id}'),
    call('GET', '/api/notes/{id}', { headers: { authorization: 'Bearer forged.token.here' } }),
  ];
  const answers = await run(buildAwsBundles().api.files['index.js'], 'signed-in', events, {
    [AUTH_SETTINGS.mode]: undefined,
    [AUTH_SETTINGS.issuer]: issuer.issuer,
    [AUTH_SETTINGS.audience]: issuer.audience,
  });
  expect(answers).toEqual({ statuses: [201, 200, 404, 401, 401], undiciFrom: -1 });
});
