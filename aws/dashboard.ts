// One CloudWatch dashboard with the panels of program/dashboard-panels.ts, in that order.
// Body format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
// Metrics: AWS/ApiGateway (HTTP APIs: ApiId, Stage), AWS/Lambda (FunctionName), AWS/Events (custom bus:
// EventBusName + RuleName, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html),
// AWS/SQS (QueueName), AWS/DynamoDB (TableName, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html).
import * as pulumi from '@pulumi/pulumi';
import { Dashboard, type EventBus, type EventRule, type LogGroup } from '@pulumi/aws/cloudwatch';
import type { Api, Stage } from '@pulumi/aws/apigatewayv2';
import type { Table } from '@pulumi/aws/dynamodb';
import type { Function as LambdaFunction } from '@pulumi/aws/lambda';
import type { Queue } from '@pulumi/aws/sqs';
import { ALERT_PERIOD_SECONDS } from '../program/alerts';
import { DASHBOARD_PANELS, PANELS_PER_ROW, type PanelId } from '../program/dashboard-panels';

export interface AwsDashboardTargets {
  /** Dashboard name: letters, digits, "-" and "_". */
  dashboardName: string;
  region: pulumi.Input<string>;
  api: Api;
  stage: Stage;
  functions: Record<string, LambdaFunction>;
  logGroups: Record<string, LogGroup>;
  bus: EventBus;
  rule: EventRule;
  deadLetterQueues: Record<string, Queue>;
  tables: Record<string, Table>;
}

type Metric = pulumi.Input<string | Record<string, string>>[];
type Widget = Record<string, pulumi.Input<unknown>>;

const WIDTH = 24 / PANELS_PER_ROW;
const HEIGHT = 6;

function metricWidget(title: string, region: pulumi.Input<string>, metrics: Metric[]): Widget {
  return {
    type: 'metric',
    properties: { title, region, metrics, view: 'timeSeries', stacked: false, period: ALERT_PERIOD_SECONDS },
  };
}

function panels(t: AwsDashboardTargets): Record<PanelId, (title: string) => Widget> {
  const api = (metricName: string, options: Record<string, string>): Metric => [
    'AWS/ApiGateway',
    metricName,
    'ApiId',
    t.api.id,
    'Stage',
    t.stage.name,
    options,
  ];
  const perFunction = (metricName: string, what: string): Metric[] =>
    Object.entries(t.functions).map(([label, fn]) => [
      'AWS/Lambda',
      metricName,
      'FunctionName',
      fn.name,
      { stat: 'Sum', label: `${label} ${what}` },
    ]);
  const rule = (metricName: string, label: string): Metric => [
    'AWS/Events',
    metricName,
    'EventBusName',
    t.bus.name,
    'RuleName',
    t.rule.name,
    { stat: 'Sum', label },
  ];
  return {
    requests: (title) =>
      metricWidget(title, t.region, [
        api('Count', { stat: 'Sum', label: 'API requests' }),
        ...perFunction('Invocations', 'invocations'),
      ]),
    errors: (title) =>
      metricWidget(title, t.region, [
        api('5xx', { stat: 'Sum', label: 'API 5xx' }),
        ...perFunction('Errors', 'errors'),
      ]),
    latency: (title) =>
      metricWidget(title, t.region, [
        api('Latency', { stat: 'p50', label: 'API p50' }),
        api('Latency', { stat: 'p95', label: 'API p95' }),
      ]),
    // Lambda reports a cold start only as initDurationMs in its platform.report log record (JSON log
    // format; https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html#platform-report).
    'cold-starts': (title) => ({
      type: 'log',
      properties: {
        title,
        region: t.region,
        view: 'timeSeries',
        query: pulumi
          .all(Object.values(t.logGroups).map((g) => g.name))
          .apply(
            (groups) =>
              `${groups.map((g) => `SOURCE '${g}'`).join(' | ')} | filter type = "platform.report" and ispresent(record.metrics.initDurationMs)` +
              ` | stats count(*) as coldStarts by bin(${ALERT_PERIOD_SECONDS / 60}m)`,
          ),
      },
    }),
    events: (title) =>
      metricWidget(title, t.region, [
        rule('MatchedEvents', 'published (matched)'),
        rule('Invocations', 'delivered'),
        rule('InvocationsSentToDlq', 'dead-lettered by EventBridge'),
        ...Object.entries(t.deadLetterQueues).map(
          ([label, queue]): Metric => [
            'AWS/SQS',
            'NumberOfMessagesSent',
            'QueueName',
            queue.name,
            { stat: 'Sum', label: `${label} queue` },
          ],
        ),
      ]),
    'store-throttling': (title) =>
      metricWidget(
        title,
        t.region,
        Object.entries(t.tables).flatMap(([label, table]) =>
          (['ReadThrottleEvents', 'WriteThrottleEvents'] as const).map(
            (metricName): Metric => [
              'AWS/DynamoDB',
              metricName,
              'TableName',
              table.name,
              { stat: 'Sum', label: `${label} ${metricName}` },
            ],
          ),
        ),
      ),
  };
}

export function createDashboard(name: string, targets: AwsDashboardTargets, parent: pulumi.Resource): Dashboard {
  const builders = panels(targets);
  const widgets = DASHBOARD_PANELS.map((panel, index) => ({
    ...builders[panel.id](panel.title),
    x: (index % PANELS_PER_ROW) * WIDTH,
    y: Math.floor(index / PANELS_PER_ROW) * HEIGHT,
    width: WIDTH,
    height: HEIGHT,
  }));
  return new Dashboard(
    `${name}-dashboard`,
    { dashboardName: targets.dashboardName, dashboardBody: pulumi.jsonStringify({ widgets }) },
    { parent },
  );
}
