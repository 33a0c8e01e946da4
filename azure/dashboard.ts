// One Azure portal dashboard with the panels of program/dashboard-panels.ts, in that order.
// Metric charts are MonitorChartPart (aggregationType: 1 Sum/Total, 7 Count); what platform metrics
// cannot show (percentiles, host starts) is a Logs part querying Application Insights with KQL.
// Metrics: Microsoft.Insights/components requests/count, requests/failed, exceptions/count;
// Microsoft.EventGrid/topics PublishSuccessCount, DeliverySuccessCount, DeadLetteredCount;
// Microsoft.DocumentDB/databaseAccounts TotalRequests by StatusCode (see azure/alerts.ts for the references).
import * as pulumi from '@pulumi/pulumi';
import * as portal from '@pulumi/azure-native/portal';
import type * as inputs from '@pulumi/azure-native/types/input';
import { ALERT_PERIOD_SECONDS } from '../program/alerts';
import { DASHBOARD_PANELS, PANELS_PER_ROW, type PanelId } from '../program/dashboard-panels';

export interface AzureDashboardTargets {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  appInsightsId: pulumi.Input<string>;
  topicId: pulumi.Input<string>;
  cosmosAccountId: pulumi.Input<string>;
}

const SUM = 1;
const COUNT = 7;
const COL_SPAN = 12 / PANELS_PER_ROW;
const ROW_SPAN = 4;
const DAY_MS = 24 * 60 * 60 * 1000;
const bin = `${ALERT_PERIOD_SECONDS / 60}m`;

interface ChartMetric {
  resourceId: pulumi.Input<string>;
  namespace: string;
  name: string;
  aggregationType: number;
  displayName: string;
}

type PartMetadata = inputs.portal.DashboardPartMetadataArgs;

function chart(title: string, metrics: ChartMetric[], filter?: { key: string; values: string[] }): PartMetadata {
  return {
    type: 'Extension/HubsExtension/PartType/MonitorChartPart',
    inputs: [
      {
        name: 'options',
        isOptional: true,
        value: {
          chart: {
            title,
            titleKind: 2, // the title as given
            visualization: { chartType: 2 }, // line chart
            timespan: { relative: { duration: DAY_MS } },
            metrics: metrics.map((m) => ({
              resourceMetadata: { id: m.resourceId },
              namespace: m.namespace,
              name: m.name,
              aggregationType: m.aggregationType,
              metricVisualization: { displayName: m.displayName },
            })),
            ...(filter
              ? { filterCollection: { filters: [{ key: filter.key, operator: 0, values: filter.values }] } }
              : {}),
          },
        },
      },
      { name: 'sharedTimeRange', isOptional: true },
    ],
    settings: {},
  };
}

function logsChart(title: string, appInsightsId: pulumi.Input<string>, query: string): PartMetadata {
  return {
    type: 'Extension/Microsoft_OperationsManagementSuite_Workspace/PartType/LogsDashboardPart',
    inputs: [
      { name: 'resourceTypeMode', isOptional: true, value: 'components' },
      { name: 'ComponentId', isOptional: true, value: appInsightsId },
      { name: 'Scope', isOptional: true, value: { resourceIds: [appInsightsId] } },
      { name: 'Version', isOptional: true, value: '2.0' },
      { name: 'TimeRange', isOptional: true, value: 'P1D' },
      { name: 'Query', isOptional: true, value: query },
      { name: 'ControlType', isOptional: true, value: 'FrameControlChart' },
      { name: 'SpecificChart', isOptional: true, value: 'Line' },
      { name: 'PartTitle', isOptional: true, value: title },
    ],
    settings: {},
  };
}

function panels(t: AzureDashboardTargets): Record<PanelId, (title: string) => PartMetadata> {
  const insights = (name: string, displayName: string): ChartMetric => ({
    resourceId: t.appInsightsId,
    namespace: 'microsoft.insights/components',
    name,
    aggregationType: COUNT,
    displayName,
  });
  const topic = (name: string, displayName: string): ChartMetric => ({
    resourceId: t.topicId,
    namespace: 'Microsoft.EventGrid/topics',
    name,
    aggregationType: SUM,
    displayName,
  });
  return {
    requests: (title) => chart(title, [insights('requests/count', 'invocations')]),
    errors: (title) =>
      chart(title, [insights('requests/failed', 'failed invocations'), insights('exceptions/count', 'exceptions')]),
    // Platform metrics have no percentiles; the request telemetry does.
    latency: (title) =>
      logsChart(
        title,
        t.appInsightsId,
        `requests | summarize p50 = percentile(duration, 50), p95 = percentile(duration, 95) by bin(timestamp, ${bin})`,
      ),
    // Flex Consumption reports no cold-start metric; each new instance's Functions host logs "Host started".
    'cold-starts': (title) =>
      logsChart(
        title,
        t.appInsightsId,
        `traces | where message startswith "Host started" | summarize coldStarts = count() by bin(timestamp, ${bin})`,
      ),
    events: (title) =>
      chart(title, [
        topic('PublishSuccessCount', 'published'),
        topic('DeliverySuccessCount', 'delivered'),
        topic('DeadLetteredCount', 'dead-lettered'),
      ]),
    'store-throttling': (title) =>
      chart(
        title,
        [
          {
            resourceId: t.cosmosAccountId,
            namespace: 'Microsoft.DocumentDB/databaseAccounts',
            name: 'TotalRequests',
            aggregationType: COUNT,
            displayName: '429 answers',
          },
        ],
        { key: 'StatusCode', values: ['429'] },
      ),
  };
}

export function createDashboard(
  name: string,
  targets: AzureDashboardTargets,
  parent: pulumi.Resource,
): portal.Dashboard {
  const builders = panels(targets);
  const parts = DASHBOARD_PANELS.map((panel, index) => ({
    position: {
      x: (index % PANELS_PER_ROW) * COL_SPAN,
      y: Math.floor(index / PANELS_PER_ROW) * ROW_SPAN,
      colSpan: COL_SPAN,
      rowSpan: ROW_SPAN,
    },
    metadata: builders[panel.id](panel.title),
  }));
  return new portal.Dashboard(
    `${name}-dashboard`,
    {
      resourceGroupName: targets.resourceGroupName,
      location: targets.location,
      tags: { 'hidden-title': `${pulumi.getProject()} operations` }, // the name the portal shows
      properties: { lenses: [{ order: 0, parts }] },
    },
    { parent },
  );
}
