// The Lambda init harness: the loopback Runtime API and one fresh start, driven first by a minimal
// runtime client written here (always), then by AWS's real one when `npm run bench` has installed it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_FUNCTIONS } from '../../contract/aws';
import { buildAwsBundles } from '../../program/bundle';
import { externalsRequiredBy } from '../../bench/cold-require';
import { LAMBDA_RESERVED_ENV } from '../../bench/lambda-init';
import { firstInvocation } from '../../bench/lambda-runtime/first-invocations';
import { measureFreshStart, type RuntimeCommand } from '../../bench/lambda-runtime/fresh-start';
import {
  defaultCacheRoot,
  findRuntimeCache,
  runtimeCacheDir,
  runtimePackages,
} from '../../bench/lambda-runtime/runtime-cache';
import { startRuntimeApi, type RuntimeApi } from '../../bench/lambda-runtime/runtime-api';

const ROOT = join(__dirname, '..', '..');

// A runtime client in a few lines, speaking the same Runtime API as the RIC: next, then response,
// error or init/error. It lets every path of the harness be tested without the native client.
const MINI_RUNTIME = `
const base = 'http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/2018-06-01/runtime';
(async () => {
  let handler;
  try { handler = require(process.env.LAMBDA_TASK_ROOT + '/index.js').handler; }
  catch (e) { await fetch(base + '/init/error', { method: 'POST', body: JSON.stringify({ errorMessage: String(e) }) }); process.exit(1); }
  for (;;) {
    const next = await fetch(base + '/invocation/next');
    const id = next.headers.get('lambda-runtime-aws-request-id');
    try {
      const result = await handler(await next.json());
      await fetch(base + '/invocation/' + id + '/response', { method: 'POST', body: JSON.stringify(result) });
    } catch (e) {
      await fetch(base + '/invocation/' + id + '/error', { method: 'POST', body: JSON.stringify({ errorMessage: String(e) }) });
    }
  }
})();
`;

let api: RuntimeApi;
let task: string;
beforeAll(async () => {
  api = await startRuntimeApi({
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
    timeoutMs: 60_000,
  });
});
afterAll(() => api.close());
beforeEach(() => {
  task = mkdtempSync(join(tmpdir(), 'lambda-runtime-test-'));
});
afterEach(() => rmSync(task, { recursive: true, force: true }));

function miniRuntime(handlerSource: string): RuntimeCommand {
  writeFileSync(join(task, 'index.js'), handlerSource);
  return {
    command: process.execPath,
    args: ['-e', MINI_RUNTIME],
    cwd: task,
    env: { PATH: process.env.PATH, AWS_LAMBDA_RUNTIME_API: api.address, LAMBDA_TASK_ROOT: task },
  };
}

const saysHello = (body: string) => (JSON.parse(body) === 'hello' ? undefined : 'not hello');

test('one fresh start: init ends at the first `next`, before the first response', async () => {
  const run = await measureFreshStart(
    api,
    miniRuntime('exports.handler = async () => "hello";'),
    { requestId: 'a', event: {} },
    saysHello,
    60_000,
  );
  expect(run.initMs).toBeGreaterThan(0);
  expect(run.firstResponseMs).toBeGreaterThanOrEqual(run.initMs);
});

test('the handler receives the event it was given, with the request id in the headers', async () => {
  const handler = 'exports.handler = async (event) => event.echo;';
  const echo = (body: string) => (JSON.parse(body) === 'round trip' ? undefined : 'event not received');
  await expect(
    measureFreshStart(api, miniRuntime(handler), { requestId: 'b', event: { echo: 'round trip' } }, echo, 60_000),
  ).resolves.toBeDefined();
});

test('a handler that throws, a wrong answer and a handler that fails to load are errors, not figures', async () => {
  await expect(
    measureFreshStart(
      api,
      miniRuntime('exports.handler = async () => { throw new Error("boom"); };'),
      { requestId: 'c', event: {} },
      saysHello,
      60_000,
    ),
  ).rejects.toThrow(/the handler failed: .*boom/);
  await expect(
    measureFreshStart(
      api,
      miniRuntime('exports.handler = async () => "bye";'),
      { requestId: 'd', event: {} },
      saysHello,
      60_000,
    ),
  ).rejects.toThrow(/unexpected first response \(not hello\)/);
  await expect(
    measureFreshStart(
      api,
      miniRuntime('throw new Error("cannot load");'),
      { requestId: 'e', event: {} },
      saysHello,
      60_000,
    ),
  ).rejects.toThrow(/exited \(1\) before answering: init error .*cannot load/);
});

test('a fresh start never reads the answer of an earlier process, even under the same request id', async () => {
  await measureFreshStart(
    api,
    miniRuntime('exports.handler = async () => "hello";'),
    { requestId: 'same', event: {} },
    saysHello,
    60_000,
  );
  const saysBye = (body: string) => (JSON.parse(body) === 'bye' ? undefined : 'not bye');
  await expect(
    measureFreshStart(
      api,
      miniRuntime('exports.handler = async () => "bye";'),
      { requestId: 'same', event: {} },
      saysBye,
      60_000,
    ),
  ).resolves.toBeDefined();
});

test('a runtime that never answers is ended after the timeout, by its pid', async () => {
  // Never settles, and a timer keeps the process alive, as a stuck request would.
  const hang = miniRuntime('exports.handler = () => new Promise(() => setInterval(() => {}, 1000));');
  await expect(measureFreshStart(api, hang, { requestId: 'f', event: {} }, saysHello, 1_000)).rejects.toThrow(
    /no answer within 1000 ms/,
  );
});

test('the cache is keyed by every package and version, and a missing one is not found', () => {
  const packages = runtimePackages(ROOT, ['@aws-sdk/client-dynamodb']);
  expect(packages[0]).toMatch(/^aws-lambda-ric@\d+\.\d+\.\d+$/);
  expect(packages[1]).toMatch(/^@aws-sdk\/client-dynamodb@\d+\.\d+\.\d+$/);
  expect(runtimeCacheDir('/c', packages)).not.toBe(runtimeCacheDir('/c', [...packages, '@aws-sdk/client-sqs@1.0.0']));
  expect(findRuntimeCache(task, packages)).toBeUndefined();
});

// The real runtime interface client, only where `npm run bench` (lambda-init) has built it.
const external = buildAwsBundles({ sdk: 'external' });
const sdkPackages = [
  ...new Set(
    AWS_FUNCTIONS.flatMap((name) =>
      externalsRequiredBy(external[name].files['index.js']!.toString('utf8'), /^@aws-sdk\//),
    ),
  ),
];
const ric = findRuntimeCache(defaultCacheRoot(), runtimePackages(ROOT, sdkPackages));
if (!ric)
  console.warn(
    'Lambda runtime smoke test skipped: `npm run bench -- --only lambda-init` installs the runtime client once',
  );
(ric ? test : test.skip)(
  "smoke: the api bundle answers its first request on AWS's runtime interface client",
  async () => {
    writeFileSync(join(task, 'index.js'), external.api.files['index.js']!);
    const { event, check } = firstInvocation('api', { notes: 'notes' });
    const run = await measureFreshStart(
      api,
      {
        command: process.execPath,
        args: [ric!.ricEntry],
        cwd: task,
        env: {
          PATH: process.env.PATH,
          NODE_PATH: `${ric!.sdkNodeModules}:${task}`,
          AWS_LAMBDA_RUNTIME_API: api.address,
          _HANDLER: 'index.handler',
          LAMBDA_TASK_ROOT: task,
          ...LAMBDA_RESERVED_ENV,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
          AWS_REGION: 'us-east-1',
          NOTES_TABLE: 'notes',
          ACTIVITY_TABLE: 'activity',
          EVENT_BUS_NAME: 'bus',
          AUTH_MODE: 'none',
        },
      },
      { requestId: 'ric', event },
      check,
      60_000,
    );
    expect(run.firstResponseMs).toBeGreaterThanOrEqual(run.initMs);
  },
);
