// The One Deploy provider against a loopback stand-in for Kudu and ARM: what it sends, which
// deployment it follows, how each class of error ends, and that it never outlives its time budget.
// A virtual clock stands in for waiting; no Azure account, no network beyond 127.0.0.1.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import {
  kuduTokenScope,
  oneDeployDiff,
  OneDeployError,
  publish,
  publishBudgetMs,
  publishRequestTimeoutMs,
  type OneDeployInputs,
  type PublishEnvironment,
} from '../../azure/one-deploy';
import { fakePackage } from './fake-package';

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: Buffer;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (the client's request timeout must end it). */
  hang?: boolean;
}

type Route = 'publish' | 'deployment' | 'latest' | 'functions';

/** What the fake answers, per route; each test sets it. A list answers in turn, its last item repeats. */
let script: Partial<Record<Route, Answer[]>>;
const requests: Recorded[] = [];
let server: http.Server;
let baseUrl: string;
let dir: string;
const appId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app';
const pkg = fakePackage('exports.x = 1;');

function routeOf(url: string): Route | undefined {
  if (url.startsWith('/api/publish')) return 'publish';
  if (url === '/api/deployments/latest') return 'latest';
  if (url.startsWith('/api/deployments/')) return 'deployment';
  if (url.startsWith(`${appId}/functions?api-version=`)) return 'functions';
  return undefined;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'one-deploy-test-'));
  fs.writeFileSync(path.join(dir, 'p.zip'), pkg.zip);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      requests.push({
        method: req.method ?? '',
        url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks),
      });
      const route = routeOf(url);
      const list = route ? script[route] : undefined;
      if (!list || list.length === 0) return void res.writeHead(404).end();
      const answer = list.length > 1 ? (list.shift() as Answer) : list[0];
      if (answer.hang) return;
      const body =
        answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, answer.headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
});

/** A virtual clock: sleeping advances it at once, so budgets of minutes cost no real time. */
function virtualClock() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    elapsed: () => now - 1_000_000,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

let clock = virtualClock();

const env = (overrides: Partial<PublishEnvironment> = {}): PublishEnvironment => {
  clock = virtualClock();
  return {
    token: async () => 'test-token',
    scmBaseUrl: () => baseUrl,
    armBaseUrl: baseUrl,
    pollIntervalMs: 5_000,
    totalBudgetMs: publishBudgetMs,
    indexingTimeoutMs: 5 * 60_000,
    requestTimeoutMs: 10_000,
    retryBaseDelayMs: 15_000,
    retryMaxDelayMs: 2 * 60_000,
    failedDeploymentRetries: 2,
    failedDeploymentDelayMs: 2 * 60_000,
    now: clock.now,
    sleep: clock.sleep,
    ...overrides,
  };
};

const inputs = (overrides: Partial<OneDeployInputs> = {}): OneDeployInputs => ({
  appId,
  scmHost: 'app.scm.azurewebsites.net',
  packageHash: pkg.hash,
  zipSha256: createHash('sha256').update(pkg.zip).digest('hex'),
  zipPath: path.join(dir, 'p.zip'),
  requiredFunctions: ['api', 'publisher', 'subscriber'],
  ...overrides,
});

const accepted = (id = 'd-1'): Answer => ({ status: 202, body: JSON.stringify(id) });
const state = (status: number, extra: Record<string, unknown> = {}, id = 'd-1'): Answer => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: { id, status, complete: status !== 0 && status !== 1 && status !== 2, ...extra },
});
const functionList = (...names: string[]): Answer => ({
  status: 200,
  body: { value: names.map((f) => ({ name: `app/${f}` })) },
});
const allFunctions = functionList('api', 'publisher', 'subscriber');

const posts = () => requests.filter((r) => r.method === 'POST');

async function failure(promise: Promise<unknown>): Promise<OneDeployError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OneDeployError);
  return error as OneDeployError;
}

it('posts the zip to /api/publish with a bearer token, follows the deployment it started and waits for the functions', async () => {
  script = {
    publish: [accepted('d-7')],
    deployment: [state(1, {}, 'd-7'), state(4, {}, 'd-7')],
    latest: [state(4, {}, 'older')],
    functions: [functionList(), functionList('api'), allFunctions],
  };
  const result = await publish(inputs(), env());
  expect(result.deploymentId).toBe('d-7');
  expect(result.functions).toEqual(['api', 'publisher', 'subscriber']);
  const post = posts()[0];
  expect(post.url).toBe('/api/publish?RemoteBuild=false&Deployer=pulumi');
  expect(post.authorization).toBe('Bearer test-token');
  expect(post.contentType).toBe('application/zip');
  expect(post.body.equals(pkg.zip)).toBe(true);
  expect(requests.filter((r) => r.url === '/api/deployments/d-7')).toHaveLength(2);
  expect(requests.some((r) => r.url === '/api/deployments/latest')).toBe(false);
  expect(requests.filter((r) => r.url.startsWith(`${appId}/functions`))).toHaveLength(3);
  expect(requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
});

describe('which deployment it follows', () => {
  it('ignores an answer about another deployment (the previous one) and waits for its own', async () => {
    script = {
      publish: [accepted('d-2')],
      deployment: [state(4, {}, 'd-1'), state(2, {}, 'd-2'), state(4, {}, 'd-2')],
      functions: [allFunctions],
    };
    expect((await publish(inputs(), env())).deploymentId).toBe('d-2');
    expect(requests.filter((r) => r.url.startsWith('/api/deployments/'))).toHaveLength(3);
  });

  it('follows a relative Location when the body names no deployment', async () => {
    script = {
      publish: [{ status: 202, headers: { location: '/api/deployments/d-3' } }],
      deployment: [state(4, {}, 'd-3')],
      functions: [allFunctions],
    };
    expect((await publish(inputs(), env())).deploymentId).toBe('d-3');
    expect(requests.map((r) => r.url)).toContain('/api/deployments/d-3');
  });

  it('refuses to guess from /api/deployments/latest, which may still be the previous deployment', async () => {
    script = {
      publish: [{ status: 202, headers: { location: `${baseUrl}/api/deployments/latest` } }],
      latest: [state(4, {}, 'older')],
    };
    const error = await failure(publish(inputs(), env()));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/named no deployment to follow/);
    expect(requests.map((r) => r.url)).toEqual(['/api/publish?RemoteBuild=false&Deployer=pulumi']);
  });
});

describe('final Kudu statuses', () => {
  it('4 Success: done', async () => {
    script = { publish: [accepted()], deployment: [state(4)], functions: [allFunctions] };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ deploymentId: 'd-1' });
  });

  it('6 PartialSuccess: done if the functions are indexed (Core Tools only warns)', async () => {
    script = { publish: [accepted()], deployment: [state(6)], functions: [allFunctions] };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ functions: ['api', 'publisher', 'subscriber'] });
  });

  it('3 Failed: published again a bounded number of times, then reported with its log', async () => {
    script = {
      publish: [accepted()],
      deployment: [state(3, { status_text: 'storage 403', log_url: 'https://scm/log' })],
    };
    const error = await failure(publish(inputs(), env({ failedDeploymentRetries: 2 })));
    expect(error.kind).toBe('deployment-failed');
    expect(error.message).toBe('One Deploy failed: storage 403 (log: https://scm/log)');
    expect(posts()).toHaveLength(3);
    expect(clock.sleeps).toEqual([2 * 60_000, 2 * 60_000]);
  });

  it('3 Failed once (the app identity role not applied yet), then 4: succeeds on the second publish', async () => {
    script = {
      publish: [accepted()],
      deployment: [state(3, { status_text: 'storage 403' }), state(4)],
      functions: [allFunctions],
    };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ deploymentId: 'd-1' });
    expect(posts()).toHaveLength(2);
  });

  it('-1 Cancelled: ends at once', async () => {
    script = { publish: [accepted()], deployment: [state(-1, { status_text: 'superseded' })] };
    const error = await failure(publish(inputs(), env()));
    expect(error.message).toMatch(/cancelled .*superseded/);
    expect(posts()).toHaveLength(1);
  });

  it('5 Conflict (another deployment running): publishes again after a backoff', async () => {
    script = { publish: [accepted()], deployment: [state(5), state(4)], functions: [allFunctions] };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ deploymentId: 'd-1' });
    expect(posts()).toHaveLength(2);
    expect(clock.sleeps[0]).toBe(15_000);
  });

  it('keeps polling 0, 1, 2 (Pending, Building, Deploying) and a 404 for a deployment not recorded yet', async () => {
    script = {
      publish: [accepted()],
      deployment: [{ status: 404 }, state(0), state(1), state(2), state(4)],
      functions: [allFunctions],
    };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ deploymentId: 'd-1' });
    expect(clock.sleeps).toEqual([5_000, 5_000, 5_000, 5_000]);
  });
});

describe('auth and configuration errors end at once, saying what to do', () => {
  it.each([
    [401, /answered 401 .*token was refused; it must be for https:\/\/management\.core\.windows\.net\/\/\.default/],
    [403, /answered 403 .*Microsoft\.Web\/sites\/publish\/Action/],
  ])('Kudu %i on publish', async (status, message) => {
    script = { publish: [{ status, body: 'no' }] };
    const error = await failure(publish(inputs(), env()));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(message);
    expect(requests).toHaveLength(1);
    expect(clock.elapsed()).toBe(0);
  });

  it.each([400, 404, 413])('Kudu %i on publish is a configuration error', async (status) => {
    script = { publish: [{ status, body: 'bad' }] };
    const error = await failure(publish(inputs(), env()));
    expect(error.kind).toBe('config');
    expect(requests).toHaveLength(1);
  });

  it('a 403 on the deployment status is an auth error, not a deployment still running', async () => {
    script = { publish: [accepted()], deployment: [{ status: 403, body: 'forbidden' }] };
    expect((await failure(publish(inputs(), env()))).kind).toBe('auth');
    expect(requests).toHaveLength(2);
  });

  it('a 401/403 from the ARM function list is an auth error, not "not indexed" (and no redeploy)', async () => {
    script = {
      publish: [accepted()],
      deployment: [state(4)],
      functions: [{ status: 403, body: 'AuthorizationFailed' }],
    };
    const error = await failure(publish(inputs(), env()));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/ARM .*\/functions answered 403 AuthorizationFailed/);
    expect(posts()).toHaveLength(1);
  });

  it('a credential that cannot sign in: nothing is sent', async () => {
    script = { publish: [accepted()] };
    const token = async (): Promise<string> => {
      throw new OneDeployError('auth', 'no Azure token');
    };
    expect((await failure(publish(inputs(), env({ token })))).kind).toBe('auth');
    expect(requests).toHaveLength(0);
  });

  it('refuses a staged zip whose bytes changed, or that is gone, before sending anything', async () => {
    script = { publish: [accepted()], deployment: [state(4)], functions: [allFunctions] };
    expect((await failure(publish(inputs({ zipSha256: '0'.repeat(64) }), env()))).message).toMatch(
      /changed since the program built it/,
    );
    expect((await failure(publish(inputs({ zipPath: path.join(dir, 'missing.zip') }), env()))).message).toMatch(
      /cannot be read/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('transient errors are retried with backoff, within the time budget', () => {
  it('retries 503 and 429 on publish, honouring Retry-After', async () => {
    script = {
      publish: [{ status: 503 }, { status: 429, headers: { 'retry-after': '90' } }, accepted()],
      deployment: [state(4)],
      functions: [allFunctions],
    };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ deploymentId: 'd-1' });
    expect(posts()).toHaveLength(3);
    expect(clock.sleeps).toEqual([15_000, 90_000]);
  });

  it('retries a 5xx from the status and the function list without publishing again', async () => {
    script = {
      publish: [accepted()],
      deployment: [{ status: 502 }, state(4)],
      functions: [{ status: 500 }, allFunctions],
    };
    await expect(publish(inputs(), env())).resolves.toMatchObject({ deploymentId: 'd-1' });
    expect(posts()).toHaveLength(1);
  });

  it('a request that never answers times out and counts as transient', async () => {
    script = { publish: [{ status: 0, hang: true }, accepted()], deployment: [state(4)], functions: [allFunctions] };
    await expect(publish(inputs(), env({ requestTimeoutMs: 200 }))).resolves.toMatchObject({ deploymentId: 'd-1' });
    expect(posts()).toHaveLength(2);
  });

  it('gives up within the budget when Kudu keeps answering 503, naming the last error', async () => {
    script = { publish: [{ status: 503, body: 'Site Unavailable' }] };
    const error = await failure(publish(inputs(), env()));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(
      /gave up after \d+ attempts within its time budget; last error: .*503 Site Unavailable/,
    );
    expect(clock.elapsed()).toBeLessThanOrEqual(publishBudgetMs);
    // Backoff doubles up to its cap: a 25-minute budget is about a dozen attempts, not hundreds.
    expect(posts().length).toBeLessThan(20);
  });

  it('gives up within the budget when nothing listens (connection refused)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(publish(inputs(), env({ scmBaseUrl: () => deadUrl })));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/did not answer \(ECONNREFUSED/);
    expect(clock.elapsed()).toBeLessThanOrEqual(publishBudgetMs);
  });

  it('a deployment that never finishes ends with the budget, with its last status', async () => {
    script = { publish: [accepted()], deployment: [state(1)] };
    const error = await failure(publish(inputs(), env()));
    expect(error.message).toMatch(/did not finish within its time budget \(last status 1\)/);
    expect(clock.elapsed()).toBeLessThanOrEqual(publishBudgetMs);
    expect(posts()).toHaveLength(1);
  });

  it('the budget is well under the deploy workflow timeout', () => {
    const workflow = fs.readFileSync(path.join(__dirname, '../../.github/workflows/deploy.yml'), 'utf8');
    const minutes = Number(/timeout-minutes:\s*(\d+)/.exec(workflow)?.[1]);
    expect(publishBudgetMs + publishRequestTimeoutMs).toBeLessThanOrEqual((minutes * 60_000) / 2);
  });
});

it('names the functions that never got indexed, without publishing again', async () => {
  script = { publish: [accepted()], deployment: [state(4)], functions: [functionList('api')] };
  const error = await failure(publish(inputs(), env()));
  expect(error.kind).toBe('not-indexed');
  expect(error.message).toMatch(/not indexed in time: publisher, subscriber \(indexed: api\)/);
  expect(posts()).toHaveLength(1);
  expect(clock.elapsed()).toBeLessThanOrEqual(5 * 60_000);
});

it('asks its token source for every request (a credential refreshes its own tokens)', async () => {
  let calls = 0;
  script = { publish: [accepted()], deployment: [state(4)], functions: [allFunctions] };
  await publish(inputs(), env({ token: async () => `t${++calls}` }));
  expect(requests.map((r) => r.authorization)).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t3']);
  expect(kuduTokenScope).toBe('https://management.core.windows.net//.default');
});

describe('diff', () => {
  it('deploys again only when the package or the target changes', () => {
    expect(oneDeployDiff(inputs(), inputs({ zipPath: '/elsewhere/p.zip' })).changes).toBe(false);
    expect(oneDeployDiff(inputs(), inputs({ packageHash: 'f'.repeat(64) })).changes).toBe(true);
    expect(oneDeployDiff(inputs(), inputs({ appId: `${appId}2` })).changes).toBe(true);
  });
});
