import { countByProvider, ofType, providerOf, runIndex } from './program-runner';
import type { ProgramRun } from '../../plan/run-program';

describe('the program with clouds = both', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runIndex({
      clouds: 'both',
      functionMemoryMb: '1024',
      azureInstanceMemoryMb: '4096',
      logRetentionDays: '90',
      apiThrottleRateLimit: '7',
      apiThrottleBurstLimit: '9',
      corsOrigins: '["https://app.example.com"]',
      alertEmail: 'ops@example.com',
      alertThrottles: '25',
    });
  });

  it('creates resources on both clouds and nothing else', () => {
    const counts = countByProvider(run.resources);
    expect(counts.aws).toBeGreaterThan(10);
    expect(counts['azure-native']).toBeGreaterThan(10);
    // The only custom resource outside the two providers is the Azure code deployment.
    expect(run.resources.filter((r) => r.custom && providerOf(r.type) === 'other').map((r) => r.type)).toEqual([
      'pulumi-nodejs:dynamic/azure:FlexPackageDeployment',
    ]);
  });

  it('exports both URLs and an endpoint per cloud for compare', () => {
    expect(run.outputs.awsUrl).toMatch(/^https:\/\/.+\.execute-api\.eu-west-1\.amazonaws\.com$/);
    expect(run.outputs.azureUrl).toMatch(/^https:\/\/.+\.azurewebsites\.net$/);
    const endpoints = run.outputs.endpoints as Record<string, Record<string, unknown>>;
    expect(Object.keys(endpoints).sort()).toEqual(['aws', 'azure']);
    expect(endpoints.aws).toMatchObject({ url: run.outputs.awsUrl, region: 'eu-west-1', servedBy: 'aws' });
    expect(endpoints.azure).toMatchObject({ url: run.outputs.azureUrl, location: 'northeurope', servedBy: 'azure' });
    expect(endpoints.aws.tableName).toEqual(expect.any(String));
    expect(endpoints.azure.functionAppName).toEqual(expect.any(String));
    // What compare --cold-starts needs to force a cold start on each cloud.
    const names = endpoints.aws.functionNames as Record<string, string>;
    expect(endpoints.aws.logGroupNames).toEqual({
      api: `/aws/lambda/${names.api}`,
      publisher: `/aws/lambda/${names.publisher}`,
      subscriber: `/aws/lambda/${names.subscriber}`,
    });
    expect(endpoints.azure.subscriptionId).toEqual(expect.any(String));
  });

  it('hands the config to the components', () => {
    const lambdas = ofType(run.resources, 'aws:lambda/function:Function');
    expect(lambdas.length).toBe(3);
    for (const fn of lambdas) expect(fn.inputs).toMatchObject({ memorySize: 1024, timeout: 10 });
    // Pulumi.dev.yaml: protectData false.
    for (const table of ofType(run.resources, 'aws:dynamodb/table:Table')) {
      expect(table.inputs.deletionProtectionEnabled).toBe(false);
    }
    for (const group of ofType(run.resources, 'aws:cloudwatch/logGroup:LogGroup')) {
      expect(group.inputs.retentionInDays).toBe(90);
    }
    const [stage] = ofType(run.resources, 'aws:apigatewayv2/stage:Stage');
    expect(stage.inputs.defaultRouteSettings).toMatchObject({ throttlingRateLimit: 7, throttlingBurstLimit: 9 });
    const [api] = ofType(run.resources, 'aws:apigatewayv2/api:Api');
    expect(api.inputs.corsConfiguration).toMatchObject({ allowOrigins: ['https://app.example.com'] });
    const [workspace] = ofType(run.resources, 'azure-native:operationalinsights:Workspace');
    expect(workspace.inputs.retentionInDays).toBe(90);
    const [app] = ofType(run.resources, 'azure-native:web:WebApp');
    expect(app.inputs).toMatchObject({
      functionAppConfig: { scaleAndConcurrency: { instanceMemoryMB: 4096, maximumInstanceCount: 40 } },
    });
    expect(JSON.stringify(app.inputs)).toContain('https://app.example.com');
  });

  it('tells the same address on both clouds, at the same thresholds, with the same dashboard panels in the same order', () => {
    expect(ofType(run.resources, 'aws:sns/topicSubscription:TopicSubscription').map((s) => s.inputs.endpoint)).toEqual([
      'ops@example.com',
    ]);
    const [group] = ofType(run.resources, 'azure-native:monitor:ActionGroup');
    expect(group.inputs.emailReceivers).toEqual([expect.objectContaining({ emailAddress: 'ops@example.com' })]);
    const alarms = ofType(run.resources, 'aws:cloudwatch/metricAlarm:MetricAlarm').filter(
      (a) => a.inputs.metricName === 'Throttles',
    );
    expect(alarms.map((a) => a.inputs.threshold)).toEqual([25, 25, 25]);
    const cosmos = ofType(run.resources, 'azure-native:monitor:MetricAlert').filter((a) =>
      JSON.stringify(a.inputs.criteria).includes('TotalRequests'),
    );
    expect(cosmos.map((a) => (a.inputs.criteria as { allOf: { threshold: number }[] }).allOf[0].threshold)).toEqual([
      25,
    ]);

    const [awsDashboard] = ofType(run.resources, 'aws:cloudwatch/dashboard:Dashboard');
    const awsTitles = (
      JSON.parse(awsDashboard.inputs.dashboardBody as string) as { widgets: { properties: { title: string } }[] }
    ).widgets.map((w) => w.properties.title);
    const [azureDashboard] = ofType(run.resources, 'azure-native:portal:Dashboard');
    const parts = (
      azureDashboard.inputs.properties as {
        lenses: { parts: { metadata: { inputs: { name: string; value?: unknown }[] } }[] }[];
      }
    ).lenses[0].parts;
    const azureTitles = parts.map(({ metadata }) => {
      const value = (name: string) => metadata.inputs.find((i) => i.name === name)?.value;
      return (value('options') as { chart?: { title?: string } } | undefined)?.chart?.title ?? value('PartTitle');
    });
    expect(awsTitles).toHaveLength(6);
    expect(azureTitles).toEqual(awsTitles);
  });
});
