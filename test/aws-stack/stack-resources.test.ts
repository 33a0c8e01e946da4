// One program run; every assertion reads what the component asked Pulumi to create.
import { buildAwsBundles } from '../../program/bundle';
import { activityTableSchema, AWS_ENV, EVENTBRIDGE_SOURCE, notesTableSchema } from '../../contract/aws';
import { NOTE_EVENT_TYPES } from '../../contract/events';
import { FUNCTION_TIMEOUT_SETTING } from '../../contract/settings';
import { authEnvironment } from '../../program/auth-config';
import { fixtureAwsEntries } from '../bundle/fixture-entries';
import { TEST_AUTH } from '../support/stack-auth';
import { archiveFiles, baseArgs, named, ofType, REGION, runProgram, type ProgramRun } from './program';

const FN = 'aws:lambda/function:Function';
const LOG_GROUP = 'aws:cloudwatch/logGroup:LogGroup';
const TABLE = 'aws:dynamodb/table:Table';
const QUEUE = 'aws:sqs/queue:Queue';
const bundles = buildAwsBundles({ entries: fixtureAwsEntries });
const prefix = 'notes-dev';
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram([{ name: 'aws', args: baseArgs({ code: bundles, namePrefix: prefix }) }]);
});

// Physical names the mocks assigned (explicit name, else `<logical>-0123abc`).
const physical = (logical: string) => `${logical}-0123abc`;
const arnOf = (type: string, name: string): string => {
  const state: Record<string, (n: string) => string> = {
    [TABLE]: (n) => `arn:aws:dynamodb:${REGION}:123456789012:table/${physical(n)}`,
    [QUEUE]: (n) => `arn:aws:sqs:${REGION}:123456789012:${physical(n)}`,
  };
  return state[type](name);
};
const indexOf = (type: string, name: string) => run.resources.findIndex((r) => r.type === type && r.name === name);

describe('functions', () => {
  it('are three nodejs22.x arm64 functions sized from the arguments', () => {
    const functions = ofType(run, FN);
    expect(functions.map((f) => f.inputs.name).sort()).toEqual([
      `${prefix}-api`,
      `${prefix}-publisher`,
      `${prefix}-subscriber`,
    ]);
    for (const fn of functions) {
      expect(fn.inputs).toMatchObject({
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        handler: 'index.handler',
        memorySize: 256,
        timeout: 15,
      });
    }
  });

  it('get the table and bus names the handlers read, and their own timeout for the SDK time budget', () => {
    for (const fn of ofType(run, FN)) {
      expect((fn.inputs.environment as { variables: Record<string, string> }).variables).toEqual({
        [AWS_ENV.notesTable]: physical('aws-notes'),
        [AWS_ENV.activityTable]: physical('aws-activity'),
        [AWS_ENV.eventBus]: physical('aws-bus'),
        [FUNCTION_TIMEOUT_SETTING]: String(fn.inputs.timeout),
        // The issuer and audience the api checks tokens against (program/auth-config.ts).
        ...authEnvironment(TEST_AUTH),
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('ship exactly their bundle, tagged with its hash', async () => {
    for (const name of ['api', 'publisher', 'subscriber'] as const) {
      const fn = named(run, FN, `aws-${name}`);
      const files = await archiveFiles(fn.inputs.code);
      const expected = Object.fromEntries(Object.entries(bundles[name].files).map(([f, b]) => [f, b.toString('utf8')]));
      expect(files).toEqual(expected);
      expect(fn.inputs.tags).toEqual({ 'bundle-sha256': bundles[name].hash });
    }
    expect(new Set(ofType(run, FN).map((f) => (f.inputs.tags as Record<string, string>)['bundle-sha256'])).size).toBe(
      3,
    );
  });

  it('log JSON to their own /aws/lambda/<name> group, created first with the retention asked for', () => {
    for (const name of ['api', 'publisher', 'subscriber']) {
      const fn = named(run, FN, `aws-${name}`);
      const group = named(run, LOG_GROUP, `aws-${name}-logs`);
      expect(group.inputs).toEqual({ name: `/aws/lambda/${prefix}-${name}`, retentionInDays: 30 });
      expect(fn.inputs.loggingConfig).toMatchObject({ logFormat: 'JSON', logGroup: `/aws/lambda/${prefix}-${name}` });
      // Registration waits for dependencies, so the order shows the log group and policy come first.
      expect(indexOf(LOG_GROUP, `aws-${name}-logs`)).toBeLessThan(indexOf(FN, `aws-${name}`));
      expect(indexOf('aws:iam/rolePolicy:RolePolicy', `aws-${name}-policy`)).toBeLessThan(indexOf(FN, `aws-${name}`));
    }
  });
});

describe('tables', () => {
  it('mirror contract/aws.ts', () => {
    const notes = named(run, TABLE, 'aws-notes').inputs;
    const notesSchema = notesTableSchema('x');
    expect(notes).toMatchObject({
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'owner',
      rangeKey: 'id',
      attributes: notesSchema.AttributeDefinitions?.map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
    });
    const activity = named(run, TABLE, 'aws-activity').inputs;
    // No single-valued index: a list is a Query on the caller's partition.
    expect(notes.globalSecondaryIndexes).toBeUndefined();
    expect(activity).toMatchObject({ billingMode: 'PAY_PER_REQUEST', hashKey: 'owner', rangeKey: 'noteEvent' });
    expect(activity.attributes).toEqual(
      activityTableSchema('x').AttributeDefinitions?.map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
    );
    expect(activity.streamEnabled).toBeUndefined();
  });

  it('have point-in-time recovery, KMS encryption, deletion protection and Pulumi protect', () => {
    for (const name of ['aws-notes', 'aws-activity']) {
      expect(named(run, TABLE, name).inputs).toMatchObject({
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: true,
      });
      expect(run.options.get(`${TABLE} ${name}`)?.protect).toBe(true);
    }
  });
});

describe('event path', () => {
  it('maps the notes stream to the publisher with bounded, per-record failure handling', () => {
    const [mapping] = ofType(run, 'aws:lambda/eventSourceMapping:EventSourceMapping');
    expect(mapping.inputs).toEqual({
      eventSourceArn: `${arnOf(TABLE, 'aws-notes')}/stream/2026-01-01T00:00:00.000`,
      functionName: `${prefix}-publisher`,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      functionResponseTypes: ['ReportBatchItemFailures'],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 10,
      maximumRecordAgeInSeconds: 21600,
      destinationConfig: { onFailure: { destinationArn: arnOf(QUEUE, 'aws-publisher-failures') } },
    });
    expect(indexOf('aws:iam/rolePolicy:RolePolicy', 'aws-publisher-policy')).toBeLessThan(
      indexOf('aws:lambda/eventSourceMapping:EventSourceMapping', 'aws-notes-stream'),
    );
  });

  it("routes the three note event types from the publisher's source to the subscriber", () => {
    const rule = named(run, 'aws:cloudwatch/eventRule:EventRule', 'aws-note-events');
    expect(rule.inputs.eventBusName).toBe(physical('aws-bus'));
    expect(JSON.parse(rule.inputs.eventPattern as string)).toEqual({
      source: [EVENTBRIDGE_SOURCE],
      'detail-type': [...NOTE_EVENT_TYPES],
    });
    const target = named(run, 'aws:cloudwatch/eventTarget:EventTarget', 'aws-subscriber');
    expect(target.inputs).toMatchObject({
      rule: physical('aws-note-events'),
      eventBusName: physical('aws-bus'),
      arn: `arn:aws:lambda:${REGION}:123456789012:function:${prefix}-subscriber`,
      retryPolicy: { maximumRetryAttempts: 24, maximumEventAgeInSeconds: 86400 },
      deadLetterConfig: { arn: arnOf(QUEUE, 'aws-events-dlq') },
    });
  });

  it('lets only the rule write to the events DLQ, and only the rule invoke the subscriber', () => {
    const ruleArn = `arn:aws:events:${REGION}:123456789012:rule/${physical('aws-bus')}/${physical('aws-note-events')}`;
    const queuePolicy = named(run, 'aws:sqs/queuePolicy:QueuePolicy', 'aws-events-dlq');
    expect(queuePolicy.inputs.queueUrl).toBe(
      `https://sqs.${REGION}.amazonaws.com/123456789012/${physical('aws-events-dlq')}`,
    );
    expect(JSON.parse(queuePolicy.inputs.policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OnlyTheNoteEventsRule',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: arnOf(QUEUE, 'aws-events-dlq'),
          Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
        },
      ],
    });
    const permission = named(run, 'aws:lambda/permission:Permission', 'aws-subscriber-from-rule');
    expect(permission.inputs).toEqual({
      action: 'lambda:InvokeFunction',
      function: `${prefix}-subscriber`,
      principal: 'events.amazonaws.com',
      sourceArn: ruleArn,
    });
  });

  it('sends subscriber invocations that fail every retry to their own queue', () => {
    const config = named(run, 'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig', 'aws-subscriber');
    expect(config.inputs).toEqual({
      functionName: `${prefix}-subscriber`,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21600,
      destinationConfig: { onFailure: { destination: arnOf(QUEUE, 'aws-subscriber-failures') } },
    });
  });

  it('keeps every dead letter encrypted for the 14 days SQS allows', () => {
    const queues = ofType(run, QUEUE);
    expect(queues.map((q) => q.name).sort()).toEqual([
      'aws-events-dlq',
      'aws-publisher-failures',
      'aws-subscriber-failures',
    ]);
    for (const queue of queues)
      expect(queue.inputs).toEqual({ messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true });
  });
});

describe('HTTP API', () => {
  it('is an HTTP API with CORS for the configured origins', () => {
    const api = named(run, 'aws:apigatewayv2/api:Api', 'aws-http-api');
    expect(api.inputs).toMatchObject({
      protocolType: 'HTTP',
      corsConfiguration: { allowOrigins: ['https://app.example.com'], allowHeaders: ['content-type', 'if-match'] },
    });
  });

  it('proxies /api and everything under it to the api function with payload 2.0', () => {
    const integration = named(run, 'aws:apigatewayv2/integration:Integration', 'aws-api');
    expect(integration.inputs).toMatchObject({
      integrationType: 'AWS_PROXY',
      payloadFormatVersion: '2.0',
      integrationUri: `arn:aws:lambda:${REGION}:123456789012:function:${prefix}-api`,
    });
    const routes = ofType(run, 'aws:apigatewayv2/route:Route');
    expect(routes.map((r) => r.inputs.routeKey).sort()).toEqual(['ANY /api', 'ANY /api/{proxy+}']);
    for (const route of routes) expect(route.inputs.target).toBe('integrations/aws-api-0123abc-id');
  });

  it('throttles the $default stage and writes JSON access logs to a group with retention', () => {
    const stage = named(run, 'aws:apigatewayv2/stage:Stage', 'aws-default-stage');
    expect(stage.inputs).toMatchObject({
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: 25, throttlingBurstLimit: 50 },
    });
    const logs = named(run, LOG_GROUP, 'aws-api-access-logs');
    expect(logs.inputs).toEqual({ name: `/aws/apigateway/${prefix}-http-api`, retentionInDays: 30 });
    const settings = stage.inputs.accessLogSettings as { destinationArn: string; format: string };
    expect(settings.destinationArn).toBe(
      `arn:aws:logs:${REGION}:123456789012:log-group:/aws/apigateway/${prefix}-http-api`,
    );
    expect(JSON.parse(settings.format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('lets only this API invoke the api function', () => {
    const permission = named(run, 'aws:lambda/permission:Permission', 'aws-api-from-http-api');
    expect(permission.inputs).toEqual({
      action: 'lambda:InvokeFunction',
      function: `${prefix}-api`,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `arn:aws:execute-api:${REGION}:123456789012:a1b2c3d4e5/*/*`,
    });
  });
});

describe('component', () => {
  it('exports the URL without a trailing slash, the region, table, bus and function names', () => {
    expect(run.outputs.aws).toEqual({
      endpoint: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`,
      region: REGION,
      tableName: physical('aws-notes'),
      busName: physical('aws-bus'),
      functionNames: { api: `${prefix}-api`, publisher: `${prefix}-publisher`, subscriber: `${prefix}-subscriber` },
    });
  });

  it('parents every resource under the component, registered with its type token', () => {
    const [component, ...children] = run.resources;
    expect(component).toMatchObject({ type: 'serverless-aws-azure:aws:NotesApp', name: 'aws' });
    expect(children.length).toBeGreaterThan(25);
    for (const child of children) expect(run.options.get(`${child.type} ${child.name}`)?.parent).toBe(run.stacks.aws);
  });
});
