// The One Deploy provider against a loopback stand-in for Kudu and ARM: what it sends, how it
// waits, and how it fails. No Azure account, no network beyond 127.0.0.1.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { oneDeployDiff, publish, type OneDeployInputs, type PublishEnvironment } from '../../azure/one-deploy';
import { fakePackage } from './fake-package';

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: Buffer;
}

// What the fake answers; each test sets it.
let script: {
  publishStatus: number;
  /** Kudu deployment states returned one per poll; the last repeats. */
  deploymentStates: { status: number; complete: boolean; status_text?: string; log_url?: string }[];
  /** Function lists returned one per ARM poll; the last repeats. */
  functionLists: string[][];
};
const requests: Recorded[] = [];
let server: http.Server;
let baseUrl: string;
let dir: string;
const appId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app';
const pkg = fakePackage('exports.x = 1;');

function take<T>(list: T[]): T {
  return list.length > 1 ? (list.shift() as T) : list[0];
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'one-deploy-test-'));
  fs.writeFileSync(path.join(dir, 'p.zip'), pkg.zip);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks),
      });
      const url = req.url ?? '';
      if (url.startsWith('/api/publish')) {
        res.writeHead(script.publishStatus, { location: `${baseUrl}/api/deployments/d-1` });
        res.end(script.publishStatus === 202 ? '' : 'refused');
      } else if (url.startsWith('/api/deployments/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'd-1', ...take(script.deploymentStates) }));
      } else if (url.startsWith(`${appId}/functions?api-version=`)) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ value: take(script.functionLists).map((f) => ({ name: `app/${f}` })) }));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
});

const env = (): PublishEnvironment => ({
  token: async () => 'test-token',
  scmBaseUrl: () => baseUrl,
  armBaseUrl: baseUrl,
  pollIntervalMs: 1,
  deploymentTimeoutMs: 2_000,
  indexingTimeoutMs: 2_000,
  publishAttempts: 2,
  retryDelayMs: 1,
});

const inputs = (overrides: Partial<OneDeployInputs> = {}): OneDeployInputs => ({
  appId,
  scmHost: 'app.scm.azurewebsites.net',
  packageHash: pkg.hash,
  zipSha256: createHash('sha256').update(pkg.zip).digest('hex'),
  zipPath: path.join(dir, 'p.zip'),
  requiredFunctions: ['api', 'publisher', 'subscriber'],
  ...overrides,
});

it('posts the zip to /api/publish with a bearer token, then waits for success and for the functions', async () => {
  script = {
    publishStatus: 202,
    deploymentStates: [{ status: 1, complete: false }, { status: 4, complete: true }],
    functionLists: [[], ['api'], ['api', 'publisher', 'subscriber']],
  };
  const result = await publish(inputs(), env());
  expect(result.deploymentId).toBe('d-1');
  expect(result.functions).toEqual(['api', 'publisher', 'subscriber']);
  const post = requests.find((r) => r.method === 'POST');
  expect(post?.url).toBe('/api/publish?RemoteBuild=false&Deployer=pulumi');
  expect(post?.authorization).toBe('Bearer test-token');
  expect(post?.contentType).toBe('application/zip');
  expect(post?.body.equals(pkg.zip)).toBe(true);
  expect(requests.filter((r) => r.url.startsWith(`${appId}/functions`))).toHaveLength(3);
  expect(requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
});

it('refuses a staged zip whose bytes changed, before sending anything', async () => {
  script = { publishStatus: 202, deploymentStates: [{ status: 4, complete: true }], functionLists: [['api']] };
  await expect(publish(inputs({ zipSha256: '0'.repeat(64) }), env())).rejects.toThrow(/changed since the program built it/);
  await expect(publish(inputs({ zipPath: path.join(dir, 'missing.zip') }), env())).rejects.toThrow(/cannot be read/);
  expect(requests).toHaveLength(0);
});

it('reports a failed deployment with its log, after retrying', async () => {
  script = {
    publishStatus: 202,
    deploymentStates: [{ status: 3, complete: true, status_text: 'storage 403', log_url: 'https://scm/log' }],
    functionLists: [[]],
  };
  await expect(publish(inputs(), env())).rejects.toThrow('One Deploy failed: storage 403 (log: https://scm/log)');
  expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2);
});

it('reports a refused publish with the status Kudu answered', async () => {
  script = { publishStatus: 403, deploymentStates: [{ status: 4, complete: true }], functionLists: [[]] };
  await expect(publish(inputs(), env())).rejects.toThrow(/answered 403 refused/);
});

it('names the functions that never got indexed', async () => {
  script = { publishStatus: 202, deploymentStates: [{ status: 4, complete: true }], functionLists: [['api']] };
  await expect(publish(inputs(), { ...env(), publishAttempts: 1, indexingTimeoutMs: 20 })).rejects.toThrow(
    /not indexed within .*: publisher, subscriber/,
  );
});

describe('diff', () => {
  it('deploys again only when the package or the target changes', () => {
    expect(oneDeployDiff(inputs(), inputs({ zipPath: '/elsewhere/p.zip' })).changes).toBe(false);
    expect(oneDeployDiff(inputs(), inputs({ packageHash: 'f'.repeat(64) })).changes).toBe(true);
    expect(oneDeployDiff(inputs(), inputs({ appId: `${appId}2` })).changes).toBe(true);
  });
});
