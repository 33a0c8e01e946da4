// Alerts and the dashboard of the Azure stack, under mocks: the dead-letter path and the other alerts
// notify the action group, the e-mail receiver exists only with an address, and the dashboard shows
// the shared panels in order and names only resources of its own stack.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AlertSettings } from '../../program/alerts';
import { TEST_ALERTS } from '../support/alert-settings';
import { DASHBOARD_PANELS } from '../../program/dashboard-panels';
import { installAzureMocks, ofType, outputValue, subscriptionId, waitFor, type Captured } from './azure-run';
import { fakePackage } from './fake-package';
import { TEST_AUTH } from '../support/stack-auth';

const captured = installAzureMocks();
const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-operations-test-'));
const alerts = TEST_ALERTS;
let resources: Captured[];
let stackModule: typeof import('../../azure');

const args = (overrides: { alerts?: AlertSettings } = {}) => ({
  protectData: false,
  logRetentionDays: 30,
  maximumInstanceCount: 40,
  memoryMb: 2048 as const,
  corsOrigins: [],
  auth: TEST_AUTH,
  code: fakePackage('module.exports = 1;'),
  packageStagingDir: stagingDir,
  ...overrides,
});

beforeAll(async () => {
  stackModule = await import('../../azure');
  const stacks = [
    new stackModule.AzureNotesApp('azure', args({ alerts })),
    new stackModule.AzureNotesApp('quiet', args()),
  ];
  for (const stack of stacks) await outputValue(stack.endpoint);
  await waitFor(
    captured,
    (all) =>
      ofType(all, 'azure-native:portal:Dashboard').length === 2 &&
      ofType(all, 'azure-native:eventgrid:TopicEventSubscription').length === 2,
  );
  resources = [...captured];
});

afterAll(() => fs.rmSync(stagingDir, { recursive: true, force: true }));

// The mocks' ids: /subscriptions/<id>/resourceGroups/rg/providers/Microsoft.<module>/<Type>/<logical name>.
const idOf = (type: string, name: string) => {
  const [, provider, resource] = type.split(':');
  return `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.${provider}/${resource}/${name}`;
};
const find = (type: string, name: string): Captured => {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have ${ofType(resources, type)
        .map((r) => r.name)
        .join(', ')}`,
    );
  return found;
};
const ALERT = 'azure-native:monitor:MetricAlert';
const GROUP = 'azure-native:monitor:ActionGroup';
const TOPIC = 'azure-native:eventgrid:Topic';
const criterionOf = (alert: Captured) => (alert.inputs.criteria as { allOf: Record<string, unknown>[] }).allOf;

describe('alerts', () => {
  it('page the action group when the subscription dead-letters or drops an event on its topic', () => {
    for (const stack of ['azure', 'quiet']) {
      const subscription = find('azure-native:eventgrid:TopicEventSubscription', `${stack}-subscriber`);
      const destination = (
        subscription.inputs.deadLetterWithResourceIdentity as { deadLetterDestination: { blobContainerName: string } }
      ).deadLetterDestination;
      expect(destination.blobContainerName).toBeTruthy();
      // The subscription is on this stack's topic, and the alerts watch that very topic.
      expect(subscription.inputs.topicName).toBe(`${stack}-events-1234`);
      for (const [suffix, metricName] of [
        ['dead-lettered', 'DeadLetteredCount'],
        ['dropped-events', 'DroppedEventCount'],
      ]) {
        const alert = find(ALERT, `${stack}-${suffix}`);
        expect(alert.inputs).toMatchObject({
          location: 'global',
          enabled: true,
          scopes: [idOf(TOPIC, `${stack}-events`)],
          evaluationFrequency: 'PT5M',
          windowSize: 'PT5M',
          actions: [{ actionGroupId: idOf(GROUP, `${stack}-alerts`) }],
        });
        expect(criterionOf(alert)).toEqual([
          {
            criterionType: 'StaticThresholdCriterion',
            name: suffix,
            metricNamespace: 'Microsoft.EventGrid/topics',
            metricName,
            timeAggregation: 'Total',
            operator: 'GreaterThan',
            threshold: 0,
          },
        ]);
      }
    }
  });

  it('page on failed invocations and Cosmos DB 429s at the configured thresholds', () => {
    const failures = find(ALERT, 'azure-function-failures');
    expect(failures.inputs.scopes).toEqual([idOf('azure-native:applicationinsights:Component', 'azure-insights')]);
    expect(criterionOf(failures)).toEqual([
      expect.objectContaining({
        metricNamespace: 'microsoft.insights/components',
        metricName: 'requests/failed',
        timeAggregation: 'Count',
        operator: 'GreaterThanOrEqual',
        threshold: 3,
      }),
    ]);
    const throttles = find(ALERT, 'azure-cosmos-throttles');
    expect(throttles.inputs.scopes).toEqual([idOf('azure-native:cosmosdb:DatabaseAccount', 'azure-cosmos')]);
    expect(criterionOf(throttles)).toEqual([
      expect.objectContaining({
        metricNamespace: 'Microsoft.DocumentDB/databaseAccounts',
        metricName: 'TotalRequests',
        timeAggregation: 'Count',
        threshold: 7,
        dimensions: [{ name: 'StatusCode', operator: 'Include', values: ['429'] }],
      }),
    ]);
    expect(criterionOf(find(ALERT, 'quiet-cosmos-throttles'))[0].threshold).toBe(10); // the default
    for (const alert of ofType(resources, ALERT)) {
      const stack = alert.name.split('-')[0];
      expect([alert.name, alert.inputs.actions]).toEqual([
        alert.name,
        [{ actionGroupId: idOf(GROUP, `${stack}-alerts`) }],
      ]);
    }
  });

  it('mail the configured address, and nobody when there is none', () => {
    expect(find(GROUP, 'azure-alerts').inputs).toMatchObject({
      location: 'Global',
      enabled: true,
      emailReceivers: [{ name: 'alert-email', emailAddress: 'ops@example.com', useCommonAlertSchema: true }],
    });
    expect((find(GROUP, 'azure-alerts').inputs.groupShortName as string).length).toBeLessThanOrEqual(12);
    expect(find(GROUP, 'quiet-alerts').inputs.emailReceivers).toEqual([]);
  });

  it('refuses bad settings before registering anything', async () => {
    const before = captured.length;
    expect(
      () =>
        new stackModule.AzureNotesApp('bad', args({ alerts: { ...alerts, email: 'not an address', throttles: 0 } })),
    ).toThrow(
      /Invalid AzureNotesApp arguments:\n- alerts\.email must be empty or an e-mail address[^\n]*\n- alerts\.throttles must be an integer from 1 to 100000 \(got 0\)/,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(captured.slice(before).filter((r) => r.name.startsWith('bad'))).toEqual([]);
  });
});

interface Part {
  position: { x: number; y: number; colSpan: number; rowSpan: number };
  metadata: { type: string; inputs: { name: string; value?: unknown }[] };
}

const partsOf = (stack: string): Part[] =>
  (find('azure-native:portal:Dashboard', `${stack}-dashboard`).inputs.properties as { lenses: { parts: Part[] }[] })
    .lenses[0].parts;

function titleOf(part: Part): unknown {
  const input = (name: string) => part.metadata.inputs.find((i) => i.name === name)?.value;
  return (input('options') as { chart?: { title?: string } } | undefined)?.chart?.title ?? input('PartTitle');
}

/** Every Azure resource id anywhere in the dashboard. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('/subscriptions/') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(idsIn);
  return [];
}

const stackIds = (stack: string) =>
  new Set(resources.filter((r) => r.name.startsWith(`${stack}-`)).map((r) => idOf(r.type, r.name)));
const foreign = (parts: Part[], stack: string) => idsIn(parts).filter((id) => !stackIds(stack).has(id));

describe('dashboard', () => {
  it('shows the shared panels in order, two a row', () => {
    const parts = partsOf('azure');
    expect(parts.map(titleOf)).toEqual(DASHBOARD_PANELS.map((p) => p.title));
    expect(parts.map((p) => [p.position.x, p.position.y])).toEqual([
      [0, 0],
      [6, 0],
      [0, 4],
      [6, 4],
      [0, 8],
      [6, 8],
    ]);
  });

  it('names only resources of its own stack, and every one it should', () => {
    const ids = idsIn(partsOf('azure'));
    expect(foreign(partsOf('azure'), 'azure')).toEqual([]);
    expect([...new Set(ids)].sort()).toEqual(
      [
        idOf('azure-native:applicationinsights:Component', 'azure-insights'),
        idOf(TOPIC, 'azure-events'),
        idOf('azure-native:cosmosdb:DatabaseAccount', 'azure-cosmos'),
      ].sort(),
    );
  });

  it('check that catches a reference to another stack (negative control)', () => {
    expect(foreign(partsOf('quiet'), 'azure')).toContain(idOf(TOPIC, 'quiet-events'));
  });
});
