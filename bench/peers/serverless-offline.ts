// serverless-offline (with the serverless 3 framework) serving the middy peer's handler on loopback, in
// its default mode (each handler in a worker thread) or with --useInProcess, its handler on local mode's
// own DynamoDB (AWS_ENDPOINT_URL_DYNAMODB: local mode's stream capture), so every write goes through the
// same change stream, publisher, bus and subscriber as ours. Started detached and stopped by its pid.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_ENV } from '../../contract/aws';
import { AUTH_SETTINGS } from '../../contract/settings';
import { externalsRequiredBy } from '../cold-require';
import { trackGroup } from '../interrupt';
import { PEER_ROUTES } from './handlers/routes';
import { freePort } from '../startup';

export type OfflineMode = 'default' | 'in-process';

export interface OfflineServer {
  url: string;
  /** The serverless process (its CPU time is the cost of what it served). */
  pid: number | undefined;
  /** Spawn until GET /api/hello answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Where the store is: local mode's DynamoDB and the table its stream capture watches. */
export interface OfflineStore {
  dynamoDbEndpoint: string;
  notesTable: string;
  activityTable: string;
  /** The OIDC issuer and audience the peer's token check trusts (the same as ours). */
  auth: { issuer: string; audience: string };
}

// nodejs22.x: serverless-offline 13.9 supports it; serverless 3.40's schema predates it, so its
// validation is off rather than printing a warning on every start.
function serviceYaml(store: OfflineStore): string {
  return `service: bench-peer
frameworkVersion: '3'
configValidationMode: off
provider:
  name: aws
  runtime: nodejs22.x
  region: us-east-1
  environment:
    ${AWS_ENV.notesTable}: ${JSON.stringify(store.notesTable)}
    ${AWS_ENV.activityTable}: ${JSON.stringify(store.activityTable)}
    ${AUTH_SETTINGS.issuer}: ${JSON.stringify(store.auth.issuer)}
    ${AUTH_SETTINGS.audience}: ${JSON.stringify(store.auth.audience)}
    AWS_ENDPOINT_URL_DYNAMODB: ${JSON.stringify(store.dynamoDbEndpoint)}
plugins:
  - serverless-offline
functions:
  api:
    handler: index.handler
    events:
${PEER_ROUTES.map((r) => `      - httpApi: { method: ${r.method}, path: '${r.path}' }`).join('\n')}
`;
}

/** The service folder inside the peer cache (so `serverless-offline` resolves from its node_modules). */
/**
 * The service folder inside the peer cache (so `serverless-offline` resolves from its node_modules). The
 * AWS SDK packages the handler requires are linked into the service's own node_modules from
 * `sdkNodeModules`, as the nodejs22.x runtime provides them: serverless-offline's handler threads do not
 * see NODE_PATH, and the peer cache's hoisted @aws-sdk (serverless's own clients) lacks DynamoDB.
 */
export function writeService(
  peerNodeModules: string,
  handlerJs: Buffer,
  store: OfflineStore,
  sdkNodeModules: string,
): string {
  const dir = join(peerNodeModules, '..', 'service');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules', '@aws-sdk'), { recursive: true });
  for (const name of externalsRequiredBy(handlerJs.toString('utf8'), /^@aws-sdk\//)) {
    symlinkSync(join(sdkNodeModules, name), join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(join(dir, 'serverless.yml'), serviceYaml(store));
  writeFileSync(join(dir, 'index.js'), handlerJs);
  return dir;
}

/** True once GET /api/hello answers 200; false while it does not answer; an Error for a 5xx (the handler failed). */
async function helloAnswers(url: string): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/hello?name=x`, { signal: AbortSignal.timeout(1_000) });
  } catch {
    return false;
  }
  const body = await response.text();
  if (response.status >= 500)
    throw new Error(`serverless-offline answered GET /api/hello with ${response.status}: ${body.slice(0, 500)}`);
  return response.status === 200;
}

export async function startServerlessOffline(
  peerNodeModules: string,
  serviceDir: string,
  mode: OfflineMode,
  sdkNodeModules: string,
  timeoutMs = 60_000,
): Promise<OfflineServer> {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const args = [
    join(peerNodeModules, 'serverless', 'bin', 'serverless.js'),
    'offline',
    'start',
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(httpPort),
    '--lambdaPort',
    String(lambdaPort),
    '--noPrependStageInUrl',
    ...(mode === 'in-process' ? ['--useInProcess'] : []),
  ];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // The handler's AWS SDK, as the nodejs22.x runtime provides it (and ours gets it).
    NODE_PATH: sdkNodeModules,
    // Offline and quiet: no telemetry, no update or notification checks.
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: serviceDir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const release = trackGroup(child.pid);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-3000)));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited && child.pid !== undefined) {
      const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
      process.kill(-child.pid, 'SIGTERM');
      await exit;
      clearTimeout(killer);
    }
    release();
  };
  const url = `http://127.0.0.1:${httpPort}`;
  try {
    while (!(await helloAnswers(url))) {
      if (exited) throw new Error(`serverless-offline exited before it answered:\n${stderr}`);
      if (performance.now() - started > timeoutMs)
        throw new Error(`serverless-offline did not answer within ${timeoutMs} ms:\n${stderr}`);
      await new Promise((wake) => setTimeout(wake, 10));
    }
    return { url, pid: child.pid, readyMs: performance.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
