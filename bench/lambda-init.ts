// Cold starts the way Lambda runs them, on this machine: Node 22 (nodejs22.x's major version), AWS's own
// runtime interface client, a loopback Runtime API, and on NODE_PATH only the AWS SDK and the task folder,
// as the runtime image's bootstrap sets it. Each AWS function is measured both ways the SDK can ship
// (external: the runtime's copy; bundled: tree-shaken into index.js), against a hello-world handler as
// the floor (lambda-perf's reference function). The Azure package's load is timed on the same Node.
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../contract/settings';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { measureAzureColdCalls, type AzureColdCall } from './azure-first-response';
import { COLD_START_REFERENCES } from '../compare/cold-starts/reference';
import { activityTableSchema, AWS_ENV, AWS_FUNCTIONS, notesTableSchema } from '../contract/aws';
import {
  AWS_NODE_OPTIONS,
  AWS_SDK_SHIPPING,
  buildAwsBundles,
  buildAzurePackage,
  type AwsSdkShipping,
  type Bundle,
} from '../program/bundle';
import { externalsRequiredBy, writeBundle } from './cold-require';
import { firstInvocation, type FirstInvocation } from './lambda-runtime/first-invocations';
import { measureFreshStart, type RuntimeCommand } from './lambda-runtime/fresh-start';
import { installRuntimeCache, RIC_VERSION, runtimePackages, type RuntimeCache } from './lambda-runtime/runtime-cache';
import { startRuntimeApi } from './lambda-runtime/runtime-api';
import { rotated } from './rotated';
import { runNode } from './run-node';
import { summarize, type Summary } from './stats';

/** What the bench runs at least, per function and shipping: medians of fewer fresh processes wobble. */
export const MIN_INIT_RUNS = 10;
const MEMORY_MB = 512;
const TIMEOUT_MS = 30_000;

export interface LambdaInitRow {
  function: string;
  sdk: AwsSdkShipping | 'none';
  /** NODE_OPTIONS the process started with: the deployed ones, or none to see what they cost. */
  nodeOptions: string;
  bundleBytes: number;
  initMs: Summary;
  firstResponseMs: Summary;
}

export interface LambdaInit {
  node: string;
  ric: string;
  runs: number;
  rows: LambdaInitRow[];
  /** Azure package on the same Node: process start → the package required (functions registered). */
  azure: { processMs: Summary; nodeAloneMs: Summary; coldCall: AzureColdCall };
  reference: (typeof COLD_START_REFERENCES)['aws'];
}

// The reserved variables Lambda sets and the RIC requires (it refuses to start without them):
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
export const LAMBDA_RESERVED_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/bench',
  AWS_LAMBDA_LOG_STREAM_NAME: 'bench',
};

// The floor: what lambda-perf deploys, a handler that loads nothing.
const HELLO_WORLD: Bundle = {
  files: { 'index.js': Buffer.from('exports.handler = async () => ({ statusCode: 200, body: "hello" });\n') },
  hash: 'hello-world',
};

/**
 * The runtime image's bootstrap (nodejs22.x): NODE_PATH with the runtime's node_modules and the task,
 * `--expose-gc --max-http-header-size 81920` and heap sizes derived from the function's memory.
 */
function runtimeCommand(
  cache: RuntimeCache,
  taskDir: string,
  apiAddress: string,
  services: Record<string, string>,
  nodeOptions: string,
): RuntimeCommand {
  const newSpace = Math.floor(MEMORY_MB / 10);
  return {
    command: process.execPath,
    args: [
      '--expose-gc',
      '--max-http-header-size',
      '81920',
      `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
      `--max-old-space-size=${MEMORY_MB - newSpace}`,
      cache.ricEntry,
    ],
    cwd: taskDir,
    env: {
      PATH: process.env.PATH,
      NODE_PATH: `${cache.sdkNodeModules}:${taskDir}`,
      AWS_LAMBDA_RUNTIME_API: apiAddress,
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: taskDir,
      ...LAMBDA_RESERVED_ENV,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(MEMORY_MB),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      ...services,
    },
  };
}

/** The stores and the bus the functions call, on loopback: dynalite and a PutEvents stand-in. */
async function startServices(): Promise<{
  env: Record<string, string>;
  tables: { notes: string };
  close: () => Promise<void>;
}> {
  const store = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  const storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: storeUrl,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  await client.send(new CreateTableCommand(notesTableSchema('notes')));
  await client.send(new CreateTableCommand(activityTableSchema('activity')));
  client.destroy();
  // EventBridge's PutEvents answer for a batch that all went through.
  const bus: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () =>
      response
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
        .end('{"FailedEntryCount":0,"Entries":[{"EventId":"bench"}]}'),
    );
  });
  await new Promise<void>((resolve) => bus.listen(0, '127.0.0.1', resolve));
  const busUrl = `http://127.0.0.1:${(bus.address() as AddressInfo).port}`;
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    env: {
      [AWS_ENV.notesTable]: 'notes',
      [AWS_ENV.activityTable]: 'activity',
      [AWS_ENV.eventBus]: 'bench',
      [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
      AWS_ENDPOINT_URL_DYNAMODB: storeUrl,
      AWS_ENDPOINT_URL_EVENTBRIDGE: busUrl,
    },
    tables: { notes: 'notes' },
    close: async () => {
      await close(store);
      await close(bus);
    },
  };
}

const timeProcess = async (args: string[], cwd: string) =>
  (await runNode(args, { cwd, env: { PATH: process.env.PATH, NODE_ENV: 'production' }, timeoutMs: TIMEOUT_MS })).wallMs;

async function measureAzureLoad(runs: number): Promise<LambdaInit['azure']> {
  const dir = writeBundle(buildAzurePackage({ cache: false }), 'azure-package');
  try {
    const processMs: number[] = [];
    const nodeAloneMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      nodeAloneMs.push(await timeProcess(['-e', '0'], dir));
      processMs.push(await timeProcess(['-e', 'require("./dist/index.js")'], dir));
    }
    const coldCall = await measureAzureColdCalls(runs, require.resolve('@azure/functions'));
    return { processMs: summarize(processMs), nodeAloneMs: summarize(nodeAloneMs), coldCall };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One function to cold-start on the runtime client, with the first invocation it gets. */
export interface RuntimeTarget {
  name: string;
  nodeOptions: string;
  bundle: Bundle;
  invocation: (tables: { notes: string }) => FirstInvocation;
  /** More environment for this function (the peers' request-line switch). */
  env?: Record<string, string>;
}

export interface RuntimeSamples {
  initMs: number[];
  firstResponseMs: number[];
}

/**
 * `runCount` rounds of one fresh runtime process per target on the runtime interface client (installed on
 * demand into the cache), against loopback stores and a loopback Runtime API; samples per target, in order.
 * Rounds go over every target in turn, so a busy moment of a shared machine falls on all of them alike.
 */
export async function coldStartsOnRuntime(
  repoRoot: string,
  cacheRoot: string,
  targets: readonly RuntimeTarget[],
  runCount: number,
  progress: (line: string) => void,
): Promise<RuntimeSamples[]> {
  // The runtime image's SDK: what our functions require when the SDK is left to it (so every run, ours
  // or the peers', shares one cached install), and whatever else a target requires that this repository
  // has. A bundled SDK also probes for optional packages (e.g. @aws-sdk/signature-v4-crt) that neither
  // this repository nor the runtime image has: those stay absent.
  const ours = buildAwsBundles({ sdk: 'external' });
  const required = [...AWS_FUNCTIONS.map((name) => ours[name]), ...targets.map((t) => t.bundle)].flatMap((bundle) =>
    externalsRequiredBy(bundle.files['index.js']!.toString('utf8'), /^@aws-sdk\//),
  );
  const sdkPackages = [...new Set(required)].filter((name) =>
    existsSync(join(repoRoot, 'node_modules', name, 'package.json')),
  );
  const cache = await installRuntimeCache(cacheRoot, runtimePackages(repoRoot, sdkPackages), progress);
  const services = await startServices();
  const tasks: { target: RuntimeTarget; dir: string; samples: RuntimeSamples }[] = [];
  try {
    const api = await startRuntimeApi({
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench',
      timeoutMs: TIMEOUT_MS,
    });
    try {
      for (const target of targets)
        tasks.push({
          target,
          dir: writeBundle(target.bundle, 'lambda-task'),
          samples: { initMs: [], firstResponseMs: [] },
        });
      for (let i = 0; i < runCount; i += 1) {
        progress(`Lambda init round ${i + 1}/${runCount}: ${targets.length} fresh processes`);
        for (const task of rotated(tasks, i)) {
          const { event, check } = task.target.invocation(services.tables);
          const env = { ...services.env, ...task.target.env };
          const run = await measureFreshStart(
            api,
            runtimeCommand(cache, task.dir, api.address, env, task.target.nodeOptions),
            { requestId: `${tasks.indexOf(task)}-${i}`, event },
            check,
            TIMEOUT_MS,
          );
          task.samples.initMs.push(run.initMs);
          task.samples.firstResponseMs.push(run.firstResponseMs);
        }
      }
    } finally {
      await api.close();
    }
  } finally {
    for (const task of tasks) rmSync(task.dir, { recursive: true, force: true });
    await services.close();
  }
  return tasks.map((task) => task.samples);
}

/** lambda-perf's reference function on the same runtime: the floor every cold start stands on. */
export const HELLO_WORLD_TARGET: RuntimeTarget = {
  name: 'hello world',
  nodeOptions: '',
  bundle: HELLO_WORLD,
  invocation: () => ({ event: {}, check: (body) => (body.includes('hello') ? undefined : 'not hello') }),
};

export async function measureLambdaInit(
  repoRoot: string,
  cacheRoot: string,
  runs: number,
  progress: (line: string) => void,
): Promise<LambdaInit> {
  const runCount = Math.max(runs, MIN_INIT_RUNS);
  const shipped: Record<AwsSdkShipping, ReturnType<typeof buildAwsBundles>> = {
    external: buildAwsBundles({ sdk: 'external' }),
    bundled: buildAwsBundles({ cache: false, sdk: 'bundled' }),
  };
  const targets: (RuntimeTarget & { sdk: LambdaInitRow['sdk'] })[] = [
    { ...HELLO_WORLD_TARGET, sdk: 'none' },
    ...(['external', 'bundled'] as const).flatMap((sdk) =>
      AWS_FUNCTIONS.map((name) => ({
        name,
        sdk,
        nodeOptions: AWS_NODE_OPTIONS,
        bundle: shipped[sdk][name],
        invocation: (tables: { notes: string }) => firstInvocation(name, tables),
      })),
    ),
    // What the deployed NODE_OPTIONS cost: the api as shipped, without them.
    {
      name: 'api',
      sdk: AWS_SDK_SHIPPING,
      nodeOptions: '',
      bundle: shipped[AWS_SDK_SHIPPING].api,
      invocation: (tables) => firstInvocation('api', tables),
    },
  ];
  const samples = await coldStartsOnRuntime(repoRoot, cacheRoot, targets, runCount, progress);
  const rows: LambdaInitRow[] = targets.map((target, index) => ({
    function: target.name,
    sdk: target.sdk,
    nodeOptions: target.nodeOptions,
    bundleBytes: target.bundle.files['index.js']!.length,
    initMs: summarize(samples[index]!.initMs),
    firstResponseMs: summarize(samples[index]!.firstResponseMs),
  }));
  progress(`Azure package load on Node ${process.versions.node} ×${runCount}`);
  const azure = await measureAzureLoad(runCount);
  return {
    node: process.versions.node,
    ric: RIC_VERSION,
    runs: runCount,
    rows,
    azure,
    reference: COLD_START_REFERENCES.aws,
  };
}
