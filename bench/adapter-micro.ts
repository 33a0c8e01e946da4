// The cloud adapters alone, in-process, no network: API Gateway payload 2.0 → Lambda handler, and
// Functions HttpRequest → handler, each around the same core app on memory stores, against that app's
// own `fetch(Request)`. This is what the adapters add in the cloud, without local mode's emulation
// (HTTP server, event building, emulated stores, log lines), which http-load.ts measures on top.
import { HttpRequest, InvocationContext } from '@azure/functions';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaHandlerFor } from '../handlers/aws/api-handler';
import { createApiHandler } from '../handlers/azure/api';
import { createApp } from '../handlers/core/app';
import { noSignIn } from '../handlers/core/auth/authenticator';
import { MemoryActivityStore, MemoryNoteStore } from '../handlers/core/memory-stores';
import { quantile, ratio } from './stats';

export type MicroTarget = 'core fetch' | 'aws adapter' | 'azure adapter';
export type MicroScenario = 'hello' | 'create-then-get';

export interface MicroResult {
  target: MicroTarget;
  scenario: MicroScenario;
  /** Per call (create-then-get: per pair), input construction included. */
  p50Us: number;
  p99Us: number;
  calls: number;
  /** p50 divided by core fetch's p50 in the same scenario. */
  p50Ratio: number | undefined;
}

interface Call {
  status: number;
  body: string;
}

type Caller = (method: 'GET' | 'POST', pathAndQuery: string, body?: string) => Promise<Call>;

const host = 'bench.example';
const noteBody = JSON.stringify({ title: 'bench note', body: 'x'.repeat(200) });

function newApp() {
  // No request log lines: the adapters' conversions only.
  return createApp({
    auth: noSignIn(),
    notes: new MemoryNoteStore(),
    activity: new MemoryActivityStore(),
    servedBy: 'aws',
  });
}

function coreCaller(): Caller {
  const app = newApp();
  return async (method, pathAndQuery, body) => {
    const response = await app.fetch(
      new Request(`https://${host}${pathAndQuery}`, {
        method,
        ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}),
      }),
    );
    return { status: response.status, body: await response.text() };
  };
}

function awsCaller(): Caller {
  const handler = lambdaHandlerFor(newApp());
  return async (method, pathAndQuery, body) => {
    const [rawPath, rawQueryString = ''] = pathAndQuery.split('?');
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString,
      headers: { host, 'user-agent': 'bench', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
      requestContext: {
        accountId: '123456789012',
        apiId: 'bench',
        domainName: host,
        domainPrefix: 'bench',
        http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
        requestId: 'bench',
        routeKey: '$default',
        stage: '$default',
        time: '25/Nov/2026:11:00:00 +0000',
        timeEpoch: 1_795_000_000_000,
      },
      ...(body ? { body } : {}),
      isBase64Encoded: false,
    };
    const result = await handler(event);
    return { status: result.statusCode ?? 200, body: typeof result.body === 'string' ? result.body : '' };
  };
}

function azureCaller(): Caller {
  const app = newApp();
  const handler = createApiHandler(() => app);
  const context = new InvocationContext({ functionName: 'api', invocationId: 'bench' });
  return async (method, pathAndQuery, body) => {
    const request = new HttpRequest({
      method,
      url: `https://${host}${pathAndQuery}`,
      headers: body ? { 'content-type': 'application/json' } : {},
      ...(body ? { body: { string: body } } : {}),
    });
    const init = await handler(request, context);
    const bytes = init.body instanceof Uint8Array ? Buffer.from(init.body).toString('utf8') : '';
    return { status: init.status ?? 200, body: bytes };
  };
}

async function once(scenario: MicroScenario, call: Caller): Promise<void> {
  if (scenario === 'hello') {
    const r = await call('GET', '/api/hello?name=bench');
    if (r.status !== 200) throw new Error(`hello answered ${r.status}: ${r.body}`);
    return;
  }
  const created = await call('POST', '/api/notes', noteBody);
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.body}`);
  const { id } = JSON.parse(created.body) as { id: string };
  const read = await call('GET', `/api/notes/${id}`);
  if (read.status !== 200) throw new Error(`read answered ${read.status}: ${read.body}`);
}

/**
 * Interleaved blocks (core, aws, azure, core, ...) so machine noise and GC spread evenly over the
 * three; each call timed on its own with hrtime. A call that does not succeed stops the run.
 */
export async function measureAdapters(calls: number): Promise<MicroResult[]> {
  const callers: Record<MicroTarget, Caller> = {
    'core fetch': coreCaller(),
    'aws adapter': awsCaller(),
    'azure adapter': azureCaller(),
  };
  const targets = Object.keys(callers) as MicroTarget[];
  const results: MicroResult[] = [];
  for (const scenario of ['hello', 'create-then-get'] as const) {
    const samples = new Map<MicroTarget, number[]>(targets.map((t) => [t, []]));
    const block = 500;
    for (const t of targets) for (let i = 0; i < block; i += 1) await once(scenario, callers[t]); // warm-up
    for (let done = 0; done < calls; done += block) {
      for (const t of targets) {
        const list = samples.get(t)!;
        for (let i = 0; i < block; i += 1) {
          const started = process.hrtime.bigint();
          await once(scenario, callers[t]);
          list.push(Number(process.hrtime.bigint() - started) / 1000);
        }
      }
    }
    const floorP50 = quantile(samples.get('core fetch')!, 0.5);
    for (const t of targets) {
      const list = samples.get(t)!;
      const p50 = quantile(list, 0.5);
      results.push({
        target: t,
        scenario,
        p50Us: p50,
        p99Us: quantile(list, 0.99),
        calls: list.length,
        p50Ratio: t === 'core fetch' ? undefined : ratio(p50, floorP50),
      });
    }
  }
  return results;
}
