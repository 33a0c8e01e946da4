// Azure Monitor metric alerts on what must page someone, all notifying one action group: events
// dead-lettered or dropped by Event Grid, failed function invocations, Cosmos DB throttling (429).
// Metric names and dimensions are the platforms' own:
// Microsoft.EventGrid/topics https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-eventgrid-topics-metrics
// Microsoft.Insights/components (requests/failed) https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-insights-components-metrics
// Microsoft.DocumentDB/databaseAccounts (TotalRequests by StatusCode) https://learn.microsoft.com/azure/cosmos-db/monitor-reference
// The change feed's lag has no platform metric (the Functions Cosmos DB trigger computes it only to
// scale), so it is not alerted on; a publisher that fails shows up as failed invocations instead.
import type * as pulumi from '@pulumi/pulumi';
import * as monitor from '@pulumi/azure-native/monitor';
import { ALERT_PERIOD_SECONDS, type AlertSettings } from '../program/alerts';

export interface AzureAlertTargets {
  resourceGroupName: pulumi.Input<string>;
  /** The Event Grid topic whose subscription dead-letters into storage. */
  topicId: pulumi.Input<string>;
  appInsightsId: pulumi.Input<string>;
  cosmosAccountId: pulumi.Input<string>;
}

export interface AzureAlerts {
  actionGroup: monitor.ActionGroup;
  alerts: monitor.MetricAlert[];
}

/** ISO 8601 duration of one alert period, as metric alerts take it. */
export const alertWindow = `PT${ALERT_PERIOD_SECONDS / 60}M`;

// Azure's severities: 0 critical … 4 verbose. Lost events are errors; the rest are warnings.
const ERROR = 1;
const WARNING = 2;

interface Criterion {
  metricNamespace: string;
  metricName: string;
  timeAggregation: 'Total' | 'Count' | 'Maximum';
  operator: 'GreaterThan' | 'GreaterThanOrEqual';
  threshold: number;
  dimensions?: { name: string; operator: 'Include'; values: string[] }[];
}

/** The targets, and who is told and when. */
export interface AzureAlertArgs extends AzureAlertTargets {
  settings: AlertSettings;
}

export function createAlerts(name: string, args: AzureAlertArgs, parent: pulumi.Resource): AzureAlerts {
  const { settings, ...targets } = args;
  const actionGroup = new monitor.ActionGroup(
    `${name}-alerts`,
    {
      resourceGroupName: targets.resourceGroupName,
      location: 'Global', // action groups are global resources
      groupShortName: 'notes-ops', // at most 12 characters: the sender name of SMS and e-mail
      enabled: true,
      emailReceivers:
        settings.email === ''
          ? []
          : [{ name: 'alert-email', emailAddress: settings.email, useCommonAlertSchema: true }],
    },
    { parent },
  );

  const alert = (
    suffix: string,
    description: string,
    severity: number,
    scope: pulumi.Input<string>,
    criterion: Criterion,
  ) =>
    new monitor.MetricAlert(
      `${name}-${suffix}`,
      {
        resourceGroupName: targets.resourceGroupName,
        location: 'global',
        description,
        severity,
        enabled: true,
        scopes: [scope],
        evaluationFrequency: alertWindow,
        windowSize: alertWindow,
        autoMitigate: true, // resolves itself when the metric is back under the threshold
        criteria: {
          odataType: 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
          allOf: [{ criterionType: 'StaticThresholdCriterion', name: suffix, ...criterion }],
        },
        actions: [{ actionGroupId: actionGroup.id }],
      },
      { parent },
    );

  const topic = (metricName: string) => ({
    metricNamespace: 'Microsoft.EventGrid/topics',
    metricName,
    timeAggregation: 'Total' as const,
    operator: 'GreaterThan' as const,
    threshold: 0,
  });
  const alerts = [
    alert(
      'dead-lettered',
      'Event Grid dead-lettered events into the storage container: inspect and redeliver them.',
      ERROR,
      targets.topicId,
      topic('DeadLetteredCount'),
    ),
    alert(
      'dropped-events',
      'Event Grid dropped events it could neither deliver nor dead-letter: they are lost.',
      ERROR,
      targets.topicId,
      topic('DroppedEventCount'),
    ),
    alert(
      'function-failures',
      `Function invocations failed (at least ${settings.functionErrors} in ${ALERT_PERIOD_SECONDS / 60} minutes).`,
      WARNING,
      targets.appInsightsId,
      {
        metricNamespace: 'microsoft.insights/components',
        metricName: 'requests/failed',
        timeAggregation: 'Count',
        operator: 'GreaterThanOrEqual',
        threshold: settings.functionErrors,
      },
    ),
    alert(
      'cosmos-throttles',
      `Cosmos DB answered 429 (throttled) at least ${settings.throttles} times in ${ALERT_PERIOD_SECONDS / 60} minutes.`,
      WARNING,
      targets.cosmosAccountId,
      {
        metricNamespace: 'Microsoft.DocumentDB/databaseAccounts',
        metricName: 'TotalRequests',
        timeAggregation: 'Count',
        operator: 'GreaterThanOrEqual',
        threshold: settings.throttles,
        dimensions: [{ name: 'StatusCode', operator: 'Include', values: ['429'] }],
      },
    ),
  ];
  return { actionGroup, alerts };
}
