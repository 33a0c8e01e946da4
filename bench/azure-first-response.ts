// The Azure package's init and first response, measured apart as bench/lambda-init.ts does it for
// Lambda: a fresh Node process requires the package's main (dist/index.js, which builds the api app
// with buildNow, as the worker loads it before it is sent invocations) — **init** — then invokes the
// registered api handler with a Functions `HttpRequest` for GET /api/hello — **first response**.
// The worker hands the package `@azure/functions-core` (the host's registration API): a stand-in in the
// task folder records each registered handler, so the package registers as in the cloud, not in test mode.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AZURE_SETTINGS } from '../contract/azure';
import { buildAzurePackage } from '../program/bundle';
import { writeBundle } from './cold-require';
import { lastJsonLine, runNode } from './run-node';
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../contract/settings';
import { summarize, type Summary } from './stats';

export interface AzureColdCall {
  initMs: Summary;
  firstResponseMs: Summary;
}

// What the Functions Node worker provides as @azure/functions-core, reduced to registration.
const CORE_STAND_IN = `
const registered = (globalThis.__registeredFunctions ??= {});
exports.setProgrammingModel = () => {};
exports.getProgrammingModel = () => undefined;
exports.registerFunction = (metadata, handler) => { registered[metadata.name] = handler; return { dispose() {} }; };
exports.registerHook = () => ({ dispose() {} });
exports.log = () => {};
`;

// Runs in the child: the request and context are built first (the host builds them before it invokes).
const childScript = `
const { HttpRequest, InvocationContext } = require(process.argv[1]);
const request = new HttpRequest({ method: 'GET', url: 'https://bench.azurewebsites.net/api/hello?name=x', headers: { accept: 'application/json' } });
const context = new InvocationContext({ functionName: 'api', invocationId: 'bench' });
const t0 = process.hrtime.bigint();
require('./dist/index.js');
const t1 = process.hrtime.bigint();
const api = globalThis.__registeredFunctions && globalThis.__registeredFunctions.api;
if (!api) throw new Error('the package registered no api function');
Promise.resolve(api(request, context)).then((init) => {
  const t2 = process.hrtime.bigint();
  const body = Buffer.from(init.body ?? '').toString('utf8');
  if ((init.status ?? 200) !== 200 || !body.includes('Hello, x!')) throw new Error('not 200 Hello, x!: ' + (init.status) + ' ' + body);
  process.stdout.write(JSON.stringify({ initMs: Number(t1 - t0) / 1e6, firstResponseMs: Number(t2 - t1) / 1e6 }) + '\\n');
});
`;

/** App settings the api reads as it builds its clients; nothing is called (hello touches no store). */
const APP_SETTINGS = {
  [AZURE_SETTINGS.cosmosEndpoint]: 'https://bench.documents.azure.com:443/',
  [AZURE_SETTINGS.database]: 'notes',
  [AZURE_SETTINGS.notesContainer]: 'notes',
  [AZURE_SETTINGS.activityContainer]: 'activity',
  [AZURE_SETTINGS.topicEndpoint]: 'https://bench.westeurope-1.eventgrid.azure.net/api/events',
  // An issuer is only contacted for a token; hello is public, so the first response is the same with one.
  [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
};

/** `runs` fresh processes; `functionsPackage`: the project's @azure/functions, for the request types. */
export async function measureAzureColdCalls(runs: number, functionsPackage: string): Promise<AzureColdCall> {
  const dir = writeBundle(buildAzurePackage({ cache: false }), 'azure-package');
  try {
    const core = join(dir, 'node_modules', '@azure', 'functions-core');
    mkdirSync(core, { recursive: true });
    writeFileSync(join(core, 'index.js'), CORE_STAND_IN);
    const env = { PATH: process.env.PATH, NODE_ENV: 'production', ...APP_SETTINGS };
    const init: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const { stdout } = await runNode(['-e', childScript, functionsPackage], { cwd: dir, env, timeoutMs: 30_000 });
      const call = lastJsonLine<{ initMs: number; firstResponseMs: number }>(stdout);
      init.push(call.initMs);
      first.push(call.firstResponseMs);
    }
    return { initMs: summarize(init), firstResponseMs: summarize(first) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
