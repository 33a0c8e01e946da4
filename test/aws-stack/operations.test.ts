// Alerts and the dashboard of the AWS stack, under mocks: every dead-letter/on-failure queue has an
// alarm notifying the alert topic, the e-mail subscription exists only with an address, and the
// dashboard shows the shared panels in order and names only resources of its own stack.
import { makeBundle } from '../../program/bundle/content-hash';
import { TEST_ALERTS } from '../support/alert-settings';
import { DASHBOARD_PANELS } from '../../program/dashboard-panels';
import { baseArgs, named, ofType, REGION, runProgram, type ProgramRun } from './program';

const ALARM = 'aws:cloudwatch/metricAlarm:MetricAlarm';
const QUEUE = 'aws:sqs/queue:Queue';
const ACCOUNT = '123456789012';
const alerts = TEST_ALERTS;
// Alarms and dashboards do not read code: small bundles spare an esbuild run.
const bundle = (name: string) =>
  makeBundle({ 'index.js': Buffer.from(`exports.handler = async () => ${JSON.stringify(name)};`) });
const bundles = { api: bundle('api'), publisher: bundle('publisher'), subscriber: bundle('subscriber') };
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram([
    { name: 'aws', args: baseArgs({ code: bundles, namePrefix: 'ops-dev', alerts }) },
    // No alerts argument: the defaults, without an e-mail address.
    { name: 'quiet', args: baseArgs({ code: bundles, namePrefix: 'quiet-dev' }) },
  ]);
});

const physical = (logical: string) => `${logical}-0123abc`;
const topicArn = (stack: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${physical(`${stack}-alerts`)}`;
const queueNameOfArn = (arn: unknown) => String(arn).split(':').pop();
const alarmsOf = (stack: string) => ofType(run, ALARM).filter((a) => a.name.startsWith(`${stack}-`));

/** The queues the stack sends failed events to, read from the resources that use them. */
function deadLetterQueueNames(stack: string): string[] {
  const mine = (type: string) => ofType(run, type).filter((r) => r.name.startsWith(`${stack}-`));
  const arns = [
    ...mine('aws:cloudwatch/eventTarget:EventTarget').map((t) => (t.inputs.deadLetterConfig as { arn: string }).arn),
    ...mine('aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig').map(
      (c) => (c.inputs.destinationConfig as { onFailure: { destination: string } }).onFailure.destination,
    ),
    ...mine('aws:lambda/eventSourceMapping:EventSourceMapping').map(
      (m) => (m.inputs.destinationConfig as { onFailure: { destinationArn: string } }).onFailure.destinationArn,
    ),
  ];
  return arns.map((arn) => queueNameOfArn(arn)!).sort();
}

describe('alarms', () => {
  it('watch every dead-letter and on-failure queue for any visible message, notifying the alert topic', () => {
    for (const stack of ['aws', 'quiet']) {
      const queues = deadLetterQueueNames(stack);
      expect(queues).toEqual([
        physical(`${stack}-events-dlq`),
        physical(`${stack}-publisher-failures`),
        physical(`${stack}-subscriber-failures`),
      ]);
      for (const queue of queues) {
        const watching = alarmsOf(stack).filter(
          (a) => (a.inputs.dimensions as Record<string, string> | undefined)?.QueueName === queue,
        );
        expect([queue, watching.length]).toEqual([queue, 1]);
        expect(watching[0].inputs).toMatchObject({
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          statistic: 'Maximum',
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 0,
          period: 300,
          alarmActions: [topicArn(stack)],
          okActions: [topicArn(stack)],
        });
      }
      // Every queue of the stack is such a destination: none is left without an alarm.
      expect(
        ofType(run, QUEUE)
          .filter((q) => q.name.startsWith(`${stack}-`))
          .map((q) => physical(q.name))
          .sort(),
      ).toEqual(queues);
    }
  });

  it('watch each function for errors and throttles at the configured thresholds', () => {
    for (const fn of ['api', 'publisher', 'subscriber']) {
      expect(named(run, ALARM, `aws-${fn}-errors`).inputs).toMatchObject({
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: { FunctionName: `ops-dev-${fn}` },
        statistic: 'Sum',
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 3,
        alarmActions: [topicArn('aws')],
      });
      expect(named(run, ALARM, `aws-${fn}-throttles`).inputs).toMatchObject({
        metricName: 'Throttles',
        dimensions: { FunctionName: `ops-dev-${fn}` },
        threshold: 7,
      });
      // The defaults apply without an alerts argument.
      expect(named(run, ALARM, `quiet-${fn}-errors`).inputs.threshold).toBe(1);
    }
  });

  it("watch the stream consumer's iterator age (milliseconds) and the API's 5xx share", () => {
    expect(named(run, ALARM, 'aws-stream-age').inputs).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: 'ops-dev-publisher' },
      statistic: 'Maximum',
      threshold: 120_000,
      alarmActions: [topicArn('aws')],
    });
    const share = named(run, ALARM, 'aws-api-5xx').inputs;
    expect(share).toMatchObject({
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 2,
      alarmActions: [topicArn('aws')],
    });
    expect(share.period).toBeUndefined(); // metric math alarms carry the period in each query
    const queries = share.metricQueries as {
      id: string;
      expression?: string;
      metric?: { metricName: string; dimensions: Record<string, string> };
    }[];
    expect(queries.map((q) => q.metric?.metricName ?? q.expression)).toEqual([
      '5xx',
      'Count',
      'IF(requests > 0, 100 * errors / requests, 0)',
    ]);
    for (const q of queries.filter((q) => q.metric)) {
      expect(q.metric!.dimensions).toEqual({ ApiId: `${physical('aws-http-api')}-id`, Stage: '$default' });
    }
  });

  it('mail the configured address, and nobody when there is none', () => {
    const subscriptions = ofType(run, 'aws:sns/topicSubscription:TopicSubscription');
    expect(subscriptions.map((s) => [s.name, s.inputs])).toEqual([
      ['aws-alerts-email', { topic: topicArn('aws'), protocol: 'email', endpoint: 'ops@example.com' }],
    ]);
    expect(
      ofType(run, 'aws:sns/topic:Topic')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['aws-alerts', 'quiet-alerts']);
  });

  it('refuse bad settings before registering anything', async () => {
    const { AwsNotesApp } = await import('../../aws');
    const before = run.resources.length;
    const bad = baseArgs({
      code: bundles,
      namePrefix: 'bad-dev',
      alerts: { ...alerts, email: 'ops@', serverErrorPercent: 101 },
    });
    expect(() => new AwsNotesApp('bad', bad)).toThrow(
      /Invalid AwsNotesApp arguments:\n- alerts\.email must be empty or an e-mail address[^\n]*\n- alerts\.serverErrorPercent must be an integer from 1 to 100 \(got 101\)/,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.resources.length).toBe(before);
  });
});

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title: string; region: string; metrics?: unknown[][]; query?: string };
}

/** Every name or id a dashboard body mentions: metric dimension values and log groups queried. */
function referencesOf(body: { widgets: Widget[] }): string[] {
  const references: string[] = [];
  for (const widget of body.widgets) {
    for (const metric of widget.properties.metrics ?? []) {
      // [namespace, metricName, dimensionName, value, ..., options?]
      const dimensions = metric.slice(2).filter((part) => typeof part === 'string');
      for (let i = 1; i < dimensions.length; i += 2) references.push(dimensions[i] as string);
    }
    for (const match of widget.properties.query?.matchAll(/SOURCE '([^']+)'/g) ?? []) references.push(match[1]);
  }
  return references;
}

/** What the stack created that a dashboard may name: physical names and ids of its resources. */
function namesOf(stack: string): Set<string> {
  const names = new Set<string>();
  for (const r of run.resources.filter((r) => r.name.startsWith(`${stack}-`))) {
    const name = typeof r.inputs.name === 'string' ? r.inputs.name : physical(r.name);
    names.add(name);
    names.add(`${name}-id`);
  }
  return names;
}

const foreign = (body: { widgets: Widget[] }, stack: string) =>
  referencesOf(body).filter((ref) => !namesOf(stack).has(ref));

describe('dashboard', () => {
  const bodyOf = (stack: string) =>
    JSON.parse(
      named(run, 'aws:cloudwatch/dashboard:Dashboard', `${stack}-dashboard`).inputs.dashboardBody as string,
    ) as { widgets: Widget[] };

  it("shows the shared panels in order, two a row, in the stack's region", () => {
    const body = bodyOf('aws');
    expect(body.widgets.map((w) => w.properties.title)).toEqual(DASHBOARD_PANELS.map((p) => p.title));
    expect(body.widgets.map((w) => [w.x, w.y, w.width, w.height])).toEqual([
      [0, 0, 12, 6],
      [12, 0, 12, 6],
      [0, 6, 12, 6],
      [12, 6, 12, 6],
      [0, 12, 12, 6],
      [12, 12, 12, 6],
    ]);
    for (const widget of body.widgets) expect(widget.properties.region).toBe(REGION);
    expect(named(run, 'aws:cloudwatch/dashboard:Dashboard', 'aws-dashboard').inputs.dashboardName).toBe('ops-dev');
  });

  it('names only resources of its own stack, and every kind it should', () => {
    const body = bodyOf('aws');
    const references = referencesOf(body);
    expect(foreign(body, 'aws')).toEqual([]);
    // Not vacuous: the API, each function and log group, the bus and rule, each queue and table appear.
    for (const expected of [
      `${physical('aws-http-api')}-id`,
      '$default',
      'ops-dev-api',
      'ops-dev-publisher',
      'ops-dev-subscriber',
      '/aws/lambda/ops-dev-api',
      '/aws/lambda/ops-dev-publisher',
      '/aws/lambda/ops-dev-subscriber',
      physical('aws-bus'),
      physical('aws-note-events'),
      physical('aws-events-dlq'),
      physical('aws-publisher-failures'),
      physical('aws-subscriber-failures'),
      physical('aws-notes'),
      physical('aws-activity'),
    ]) {
      expect([expected, references.includes(expected)]).toEqual([expected, true]);
    }
  });

  it('check that catches a reference to another stack (negative control)', () => {
    expect(foreign(bodyOf('quiet'), 'aws')).toContain('quiet-dev-api');
    const tampered = bodyOf('aws');
    tampered.widgets[0].properties.metrics!.push([
      'AWS/DynamoDB',
      'ReadThrottleEvents',
      'TableName',
      'someone-elses-table',
      { stat: 'Sum' },
    ]);
    expect(foreign(tampered, 'aws')).toEqual(['someone-elses-table']);
  });
});
