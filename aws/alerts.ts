// Alarms on what must page someone, all notifying one SNS topic: any message in a dead-letter or
// on-failure queue, function errors and throttles, the change stream falling behind, the API's 5xx share.
// Metric names and dimensions: AWS/SQS (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html),
// AWS/Lambda (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html),
// AWS/ApiGateway for HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html).
import type * as pulumi from '@pulumi/pulumi';
import { MetricAlarm, type MetricAlarmArgs } from '@pulumi/aws/cloudwatch';
import { Topic, TopicSubscription } from '@pulumi/aws/sns';
import type { Api, Stage } from '@pulumi/aws/apigatewayv2';
import type { Function as LambdaFunction } from '@pulumi/aws/lambda';
import type { Queue } from '@pulumi/aws/sqs';
import { ALERT_PERIOD_SECONDS, type AlertSettings } from '../program/alerts';

export interface AwsAlertTargets {
  /** Every queue an undeliverable or unprocessable event can land in, by a short label. */
  deadLetterQueues: Record<string, Queue>;
  functions: Record<string, LambdaFunction>;
  /** The function reading the notes stream (its IteratorAge is the stream's lag). */
  streamConsumer: LambdaFunction;
  api: Api;
  stage: Stage;
}

export interface AwsAlerts {
  topic: Topic;
  /** Only with an alert e-mail address. */
  emailSubscription?: TopicSubscription;
  alarms: MetricAlarm[];
}

/** The targets, and who is told and when. */
export interface AwsAlertArgs extends AwsAlertTargets {
  settings: AlertSettings;
}

export function createAlerts(name: string, args: AwsAlertArgs, parent: pulumi.Resource): AwsAlerts {
  const { settings, ...targets } = args;
  // No KMS key on the topic: CloudWatch cannot publish to a topic encrypted with the AWS managed key
  // (alias/aws/sns), and a customer managed key would cost more than the alert texts are worth.
  const topic = new Topic(`${name}-alerts`, {}, { parent });
  const emailSubscription =
    settings.email === ''
      ? undefined
      : new TopicSubscription(
          `${name}-alerts-email`,
          { topic: topic.arn, protocol: 'email', endpoint: settings.email },
          { parent },
        );

  // Every alarm: one period, notify on alarm and on recovery; no data (an idle stack) is not a problem.
  const alarm = (
    suffix: string,
    args: Omit<MetricAlarmArgs, 'period' | 'evaluationPeriods' | 'alarmActions' | 'okActions' | 'treatMissingData'>,
  ) =>
    new MetricAlarm(
      `${name}-${suffix}`,
      {
        ...args,
        ...(args.metricQueries ? {} : { period: ALERT_PERIOD_SECONDS }),
        evaluationPeriods: 1,
        treatMissingData: 'notBreaching',
        alarmActions: [topic.arn],
        okActions: [topic.arn],
      },
      { parent },
    );

  const alarms: MetricAlarm[] = [];
  for (const [label, queue] of Object.entries(targets.deadLetterQueues)) {
    alarms.push(
      alarm(`${label}-messages`, {
        alarmDescription: `Messages wait in the ${label} queue: events were not delivered or processed. Inspect them and redrive.`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: queue.name },
        statistic: 'Maximum',
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
      }),
    );
  }
  for (const [label, fn] of Object.entries(targets.functions)) {
    for (const [metricName, threshold] of [
      ['Errors', settings.functionErrors],
      ['Throttles', settings.throttles],
    ] as const) {
      alarms.push(
        alarm(`${label}-${metricName.toLowerCase()}`, {
          alarmDescription: `The ${label} function reported ${metricName.toLowerCase()} (at least ${threshold} in ${ALERT_PERIOD_SECONDS / 60} minutes).`,
          namespace: 'AWS/Lambda',
          metricName,
          dimensions: { FunctionName: fn.name },
          statistic: 'Sum',
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold,
        }),
      );
    }
  }
  alarms.push(
    alarm('stream-age', {
      alarmDescription: `The notes stream is more than ${settings.streamAgeSeconds} s behind: events are late (records expire after 24 h).`,
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: targets.streamConsumer.name },
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: settings.streamAgeSeconds * 1000, // IteratorAge is in milliseconds
    }),
  );
  // The 5xx share by metric math; IF keeps an idle period at 0 instead of dividing by zero.
  const apiMetric = (id: string, metricName: string) => ({
    id,
    returnData: false,
    metric: {
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensions: { ApiId: targets.api.id, Stage: targets.stage.name },
      period: ALERT_PERIOD_SECONDS,
      stat: 'Sum',
    },
  });
  alarms.push(
    alarm('api-5xx', {
      alarmDescription: `At least ${settings.serverErrorPercent}% of API requests were answered with a 5xx in ${ALERT_PERIOD_SECONDS / 60} minutes.`,
      metricQueries: [
        apiMetric('errors', '5xx'),
        apiMetric('requests', 'Count'),
        { id: 'share', expression: 'IF(requests > 0, 100 * errors / requests, 0)', label: '5xx %', returnData: true },
      ],
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: settings.serverErrorPercent,
    }),
  );
  return { topic, emailSubscription, alarms };
}
