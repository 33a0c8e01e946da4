// Require + first response in a cold process, as the Lambda runtime does it: require the bundle (init),
// then call its handler with a first GET /api/hello event, each timed on its own. Rounds go over every
// bundle in turn, starting one later each round, so a busy moment of a shared machine falls on all alike.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../../program/bundle';
import { writeBundle } from '../cold-require';
import { LAMBDA_RESERVED_ENV } from '../lambda-init';
import { rotated } from '../rotated';
import { apiEvent } from '../lambda-runtime/first-invocations';
import { AWS_ENV } from '../../contract/aws';
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import { lastJsonLine, runNode } from '../run-node';
import { PEER_REQUEST_LOG } from './handlers/peer-log-setting';

export interface ColdCall {
  requireMs: number;
  firstResponseMs: number;
}

// Runs in the child: only the require and the first call are timed; the answer must be the hello.
const childScript = `
const t0 = process.hrtime.bigint();
const { handler } = require(process.argv[1]);
const t1 = process.hrtime.bigint();
Promise.resolve(handler(JSON.parse(process.argv[2]), { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 })).then((result) => {
  const t2 = process.hrtime.bigint();
  if (result.statusCode !== 200 || !String(result.body).includes('Hello, x!')) throw new Error('not 200 Hello, x!: ' + JSON.stringify(result));
  process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, firstResponseMs: Number(t2 - t1) / 1e6 }) + '\\n');
});
`;

export interface ColdTarget {
  name: string;
  bundle: Bundle;
}

/** `runs` rounds of one fresh process per target; the AWS SDK resolves from `sdkNodeModules` (NODE_PATH), as on Lambda. */
export async function measureColdCalls(
  targets: readonly ColdTarget[],
  runs: number,
  sdkNodeModules: string,
  progress: (line: string) => void,
): Promise<Map<string, ColdCall[]>> {
  const dirs = targets.map((t) => writeBundle(t.bundle, 'bench-peer'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_PATH: sdkNodeModules,
    NODE_ENV: 'production',
    ...LAMBDA_RESERVED_ENV,
    // Set by every Lambda runtime before it loads the handler; nothing listens there (no call is made to it).
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    [AWS_ENV.notesTable]: 'notes',
    [AWS_ENV.activityTable]: 'activity',
    // Hello is public: the issuer is never contacted, with sign-in on or off.
    [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
    // Ours writes a request line to the console, as deployed: the peers write the same line.
    [PEER_REQUEST_LOG]: 'console',
  };
  const calls = new Map<string, ColdCall[]>(targets.map((t) => [t.name, []]));
  try {
    const event = JSON.stringify(apiEvent());
    for (let i = 0; i < runs; i += 1) {
      progress(`peers: require + first response, round ${i + 1}/${runs}`);
      for (const target of rotated(targets, i)) {
        const index = targets.indexOf(target);
        const { stdout } = await runNode(['-e', childScript, join(dirs[index]!, 'index.js'), event], {
          cwd: dirs[index],
          env,
          timeoutMs: 30_000,
        });
        calls.get(target.name)!.push(lastJsonLine<ColdCall>(stdout));
      }
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return calls;
}
