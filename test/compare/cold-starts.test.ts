// The cold-start driver against loopback stand-ins of the Lambda, CloudWatch Logs and ARM APIs, with the
// real SDK clients: the calls it makes, that it waits for each change to be in effect, that it never
// forces more than N cold starts, that it puts the function back, and how it ends on each error.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { TokenCredential } from '@azure/identity';
import { awsForcer, COLD_START_VARIABLE, initDurationOf } from '../../compare/cold-starts/aws-forcer';
import { azureForcer, restartPath } from '../../compare/cold-starts/azure-forcer';
import { ForcerConfigurationError } from '../../compare/cold-starts/forcer';
import { runColdStarts, type FirstRequest } from '../../compare/cold-starts/run-cold-starts';
import type { Cloud } from '../../compare/types';

const ORIGINAL_ENV = { NOTES_TABLE: 'notes-123', EVENT_BUS_NAME: 'bus-1' };
const FUNCTION = 'notes-api-abc';
const APP = {
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  resourceGroupName: 'rg-notes',
  functionAppName: 'notes-app',
};

/** Every call the stand-ins and the first-request probe saw, in order. */
let calls: string[];

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface LambdaStandIn {
  /** Polls that still answer InProgress after each update. */
  inProgressPolls: number;
  /** The status an update ends in. */
  outcome: 'Successful' | 'Failed';
  /** Answer every call with this error type (e.g. AccessDeniedException). */
  deny?: string;
  updates: Record<string, string>[];
  reports: string[];
}

function lambdaAndLogs(state: LambdaStandIn): Server {
  let variables: Record<string, string> = { ...ORIGINAL_ENV };
  let pollsLeft = 0;
  return createServer(async (request, response) => {
    const text = await body(request);
    if (state.deny) {
      response
        .writeHead(403, { 'x-amzn-errortype': state.deny, 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'not allowed' }));
      return;
    }
    const target = request.headers['x-amz-target'];
    if (target === 'Logs_20140328.FilterLogEvents') {
      calls.push('logs');
      response
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify({ events: state.reports.map((message) => ({ message })) }));
      return;
    }
    const path = `/2015-03-31/functions/${FUNCTION}/configuration`;
    if (request.url === path && request.method === 'PUT') {
      variables = (JSON.parse(text) as { Environment: { Variables: Record<string, string> } }).Environment.Variables;
      state.updates.push(variables);
      pollsLeft = state.inProgressPolls;
      calls.push('update');
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ FunctionName: FUNCTION, LastUpdateStatus: 'InProgress' }));
      return;
    }
    if (request.url === path && request.method === 'GET') {
      const status = pollsLeft > 0 ? 'InProgress' : state.outcome;
      pollsLeft -= 1;
      calls.push(`get:${status}`);
      const reason = status === 'Failed' ? { LastUpdateStatusReason: 'the role cannot be assumed' } : {};
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          FunctionName: FUNCTION,
          Environment: { Variables: variables },
          LastUpdateStatus: status,
          ...reason,
        }),
      );
      return;
    }
    response.writeHead(404).end();
  });
}

function arm(status: number, errorBody = ''): Server {
  return createServer(async (request, response) => {
    await body(request);
    calls.push(`arm:${request.method} ${request.url}`);
    response.writeHead(status, { 'content-type': 'application/json' }).end(errorBody);
  });
}

const credential: TokenCredential = {
  getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const noSleep = async () => undefined;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const servers: Server[] = [];
async function start(server: Server): Promise<string> {
  servers.push(server);
  return listen(server);
}
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  calls = [];
});

async function forcers(lambda: LambdaStandIn, armStatus = 200, armError = '') {
  const awsUrl = await start(lambdaAndLogs(lambda));
  const armUrl = await start(arm(armStatus, armError));
  const clients = {
    lambda: new LambdaClient({ region: 'eu-west-1', endpoint: awsUrl, credentials, maxAttempts: 1 }),
    logs: new CloudWatchLogsClient({ region: 'eu-west-1', endpoint: awsUrl, credentials, maxAttempts: 1 }),
  };
  return [
    awsForcer({ region: 'eu-west-1', functionName: FUNCTION, logGroupName: '/aws/lambda/notes-api' }, clients, {
      sleep: noSleep,
      logsTimeoutMs: 0,
    }),
    azureForcer(APP, { credential, endpoint: armUrl }),
  ];
}

const probe = async (cloud: Cloud): Promise<FirstRequest> => {
  calls.push(`request:${cloud}`);
  return { status: 200, ms: cloud === 'aws' ? 300 : 900 };
};

test('N cold starts per cloud: each change in effect before its first request, the function put back after', async () => {
  const lambda: LambdaStandIn = {
    inProgressPolls: 2,
    outcome: 'Successful',
    updates: [],
    reports: [
      '{"time":"2026-11-30T12:00:00.000Z","type":"platform.report","record":{"requestId":"a","metrics":{"durationMs":12.3,"billedDurationMs":13,"memorySizeMB":512,"maxMemoryUsedMB":80,"initDurationMs":210.5},"status":"success"}}',
      'REPORT RequestId: b\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tInit Duration: 190.25 ms',
      '{"type":"platform.start","record":{"requestId":"c"}}',
    ],
  };
  const report = await runColdStarts(await forcers(lambda), 2, probe);

  // Exactly N forces per cloud, then one restore of the untouched original environment.
  expect(lambda.updates).toHaveLength(3);
  for (const update of lambda.updates.slice(0, 2))
    expect(update).toEqual({ ...ORIGINAL_ENV, [COLD_START_VARIABLE]: expect.any(String) });
  expect(lambda.updates[0]![COLD_START_VARIABLE]).not.toBe(lambda.updates[1]![COLD_START_VARIABLE]);
  expect(lambda.updates[2]).toEqual(ORIGINAL_ENV);
  const restarts = calls.filter((c) => c.startsWith('arm:'));
  expect(restarts).toEqual([`arm:POST ${restartPath(APP)}`, `arm:POST ${restartPath(APP)}`]);
  expect(restartPath(APP)).toContain('softRestart=false&synchronous=true');

  // The first AWS request waits for Successful, after the in-progress polls.
  const first = calls.slice(0, calls.indexOf('request:aws') + 1);
  expect(first).toEqual([
    'get:Successful',
    'update',
    'get:InProgress',
    'get:InProgress',
    'get:Successful',
    'request:aws',
  ]);
  expect(calls.indexOf('request:azure')).toBe(calls.indexOf(`arm:POST ${restartPath(APP)}`) + 1);

  const [aws, azure] = report.clouds;
  expect(aws).toMatchObject({
    cloud: 'aws',
    firstRequestMs: { n: 2, p50: 300, max: 300 },
    platformInitMs: { n: 2, p50: 190.3, max: 210.5 },
  });
  expect(azure).toMatchObject({ cloud: 'azure', target: 'Function App notes-app', firstRequestMs: { n: 2, p50: 900 } });
  expect(azure!.platformInitMs).toBeUndefined();
  expect(report.references.aws.ms).toBeGreaterThan(0);
});

test('a failed update is a failed sample, not a cold start, and the run goes on', async () => {
  const lambda: LambdaStandIn = { inProgressPolls: 0, outcome: 'Failed', updates: [], reports: [] };
  const report = await runColdStarts(await forcers(lambda), 2, probe);
  const aws = report.clouds.find((c) => c.cloud === 'aws')!;
  expect(aws.samples.map((s) => s.error)).toEqual([
    expect.stringMatching(/failed: the role cannot be assumed/),
    expect.stringMatching(/failed/),
  ]);
  expect(aws.firstRequestMs.n).toBe(0);
  expect(calls.filter((c) => c === 'request:aws')).toEqual([]);
  expect(calls.filter((c) => c === 'request:azure')).toHaveLength(2);
});

test('missing permissions end the run at once, naming what is needed, and still restore', async () => {
  const denied = runColdStarts(
    await forcers({
      inProgressPolls: 0,
      outcome: 'Successful',
      updates: [],
      reports: [],
      deny: 'AccessDeniedException',
    }),
    5,
    probe,
  );
  await expect(denied).rejects.toThrow(ForcerConfigurationError);
  await expect(denied).rejects.toThrow(/lambda:UpdateFunctionConfiguration/);
  expect(calls.filter((c) => c.startsWith('arm:') || c.startsWith('request:'))).toEqual([]);

  calls = [];
  const lambda: LambdaStandIn = { inProgressPolls: 0, outcome: 'Successful', updates: [], reports: [] };
  const forbidden = runColdStarts(
    await forcers(lambda, 403, '{"error":{"code":"AuthorizationFailed","message":"no restart"}}'),
    5,
    probe,
  );
  await expect(forbidden).rejects.toThrow(/HTTP 403 AuthorizationFailed: no restart .*restart\/action/);
  // One AWS cold start happened before Azure refused; its change was undone.
  expect(lambda.updates).toEqual([{ ...ORIGINAL_ENV, [COLD_START_VARIABLE]: expect.any(String) }, ORIGINAL_ENV]);
  expect(calls.filter((c) => c.startsWith('arm:'))).toHaveLength(1);
});

test('the count is bounded', async () => {
  const none = await forcers({ inProgressPolls: 0, outcome: 'Successful', updates: [], reports: [] });
  await expect(runColdStarts(none, 0, probe)).rejects.toThrow(RangeError);
  await expect(runColdStarts(none, 51, probe)).rejects.toThrow(/1\.\.50/);
  expect(calls).toEqual([]);
});

test('Init Duration is read from JSON and text REPORT lines, and nothing else', () => {
  expect(initDurationOf('{"type":"platform.report","record":{"metrics":{"initDurationMs":99.5}}}')).toBe(99.5);
  expect(initDurationOf('REPORT RequestId: x\tDuration: 1 ms\tInit Duration: 12.5 ms')).toBe(12.5);
  expect(initDurationOf('{"type":"platform.report","record":{"metrics":{"durationMs":3}}}')).toBeUndefined();
  // An application's own log line that mentions it is not a REPORT.
  expect(initDurationOf('{"type":"function","message":"Init Duration: 5 ms"}')).toBeUndefined();
  expect(initDurationOf('hello')).toBeUndefined();
});

test('the table shows both distributions, the missing platform figure, failures and the references', async () => {
  const lambda: LambdaStandIn = { inProgressPolls: 0, outcome: 'Successful', updates: [], reports: [] };
  const { coldStartTable } = await import('../../compare/cold-starts/render-cold-starts');
  const text = coldStartTable(await runColdStarts(await forcers(lambda), 1, probe));
  expect(text).toMatch(/^Cold starts: 1 forced per cloud/);
  expect(text).toMatch(/aws\s+│ Lambda function notes-api-abc\s+│ 300 \/ 300 \/ 300 \(n=1\)\s+│ none\s+│ 0/);
  expect(text).toMatch(/azure\s+│ Function App notes-app\s+│ 900 \/ 900 \/ 900 \(n=1\)\s+│ not reported/);
  expect(text).toContain('maxday/lambda-perf');
  expect(text).toContain('aws: 0 of 1 cold starts have a REPORT line with Init Duration');
});

test('targets come from the endpoints output; an older stack without them is a usage error naming what lacks', async () => {
  const { coldStartTargetsFromOutputs } = await import('../../compare/cold-starts/targets');
  const outputs = {
    endpoints: {
      aws: { region: 'eu-west-1', functionNames: { api: FUNCTION }, logGroupNames: { api: `/aws/lambda/${FUNCTION}` } },
      azure: APP,
    },
  };
  expect(coldStartTargetsFromOutputs(outputs)).toEqual({
    aws: { region: 'eu-west-1', functionName: FUNCTION, logGroupName: `/aws/lambda/${FUNCTION}` },
    azure: APP,
  });
  const older = {
    endpoints: {
      aws: { region: 'eu-west-1', functionNames: { api: FUNCTION } },
      azure: { ...APP, subscriptionId: undefined },
    },
  };
  expect(() => coldStartTargetsFromOutputs(older)).toThrow(
    "--cold-starts needs the stack's outputs, and they lack endpoints.aws.logGroupNames.api, endpoints.azure.subscriptionId (run pulumi up with this version of the program)",
  );
  expect(() => coldStartTargetsFromOutputs(undefined)).toThrow(/lack endpoints\.aws\.region/);
});
