// reportConsumption in the stack: off by default (no setting on any function), on it sets
// REPORT_CONSUMPTION=true on every Lambda and in the Function App's settings.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isRpcSecret, unwrapRpcSecret } from '@pulumi/pulumi/runtime/rpc';
import { buildAwsBundles } from '../../program/bundle';
import { ASSUMPTIONS } from '../../compare/cost/assumptions';
import { REPORT_CONSUMPTION_SETTING } from '../../contract/settings';
import { awsNotesAppArgs, azureNotesAppArgs } from '../../program/stack-args';
import { parseConfig } from '../../program/config';
import { fixtureAwsEntries } from '../bundle/fixture-entries';
import { baseArgs, ofType, runProgram } from '../aws-stack/program';
import { installAzureMocks, ofType as azureOfType, outputValue, waitFor } from '../azure-stack/azure-run';
import { fakePackage } from '../azure-stack/fake-package';
import { TEST_AUTH } from '../support/stack-auth';

it('passes the config key to both components, off unless set', () => {
  expect(awsNotesAppArgs(parseConfig({ auth: 'none' })).reportConsumption).toBe(false);
  expect(azureNotesAppArgs(parseConfig({ auth: 'none' })).reportConsumption).toBe(false);
  expect(awsNotesAppArgs(parseConfig({ reportConsumption: 'true', auth: 'none' })).reportConsumption).toBe(true);
  expect(azureNotesAppArgs(parseConfig({ reportConsumption: 'true', auth: 'none' })).reportConsumption).toBe(true);
});

it('sets REPORT_CONSUMPTION on every Lambda only when asked (AWS)', async () => {
  const bundles = buildAwsBundles({ entries: fixtureAwsEntries });
  const run = await runProgram([
    { name: 'plain', args: baseArgs({ code: bundles, namePrefix: 'plain' }) },
    { name: 'reporting', args: baseArgs({ code: bundles, namePrefix: 'reporting', reportConsumption: true }) },
  ]);
  const variables = (prefix: string) =>
    ofType(run, 'aws:lambda/function:Function')
      .filter((f) => String(f.inputs.name).startsWith(`${prefix}-`))
      .map(
        (f) => (f.inputs.environment as { variables: Record<string, string> }).variables[REPORT_CONSUMPTION_SETTING],
      );
  expect(variables('plain')).toEqual([undefined, undefined, undefined]);
  expect(variables('reporting')).toEqual(['true', 'true', 'true']);
  // The cost model's count of alarm metrics is the stack's: one per alarm, each metric of a metric-math one.
  const alarmMetrics = ofType(run, 'aws:cloudwatch/metricAlarm:MetricAlarm')
    .filter((a) => a.name.startsWith('reporting-'))
    .reduce(
      (sum, a) =>
        sum +
        (a.inputs.metricName
          ? 1
          : (a.inputs.metricQueries as Array<{ metric?: unknown }>).filter((q) => q.metric).length),
      0,
    );
  expect(ASSUMPTIONS.awsAlarmMetrics.value).toBe(alarmMetrics);
});

it('sets REPORT_CONSUMPTION in the app settings when asked (Azure)', async () => {
  const captured = installAzureMocks();
  const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-flag-'));
  try {
    const { AzureNotesApp } = await import('../../azure');
    const stack = new AzureNotesApp('azure', {
      protectData: false,
      logRetentionDays: 30,
      maximumInstanceCount: 40,
      memoryMb: 2048,
      corsOrigins: [],
      auth: TEST_AUTH,
      reportConsumption: true,
      code: fakePackage('module.exports = 1;'),
      packageStagingDir: stagingDir,
    });
    await outputValue(stack.endpoint);
    // The event subscription registers last (it waits for the code deployment), after the alert rules.
    await waitFor(captured, (all) => azureOfType(all, 'azure-native:eventgrid:TopicEventSubscription').length === 1);
    const properties = azureOfType(captured, 'azure-native:web:WebAppApplicationSettings')[0]!.inputs.properties;
    const settings = (isRpcSecret(properties) ? unwrapRpcSecret(properties) : properties) as Record<string, unknown>;
    expect(settings[REPORT_CONSUMPTION_SETTING]).toBe('true');
    // The cost model's count of monitored time series is the stack's: one per criterion of each rule.
    const series = azureOfType(captured, 'azure-native:monitor:MetricAlert').reduce(
      (sum, a) => sum + (a.inputs.criteria as { allOf: unknown[] }).allOf.length,
      0,
    );
    expect(ASSUMPTIONS.azureAlertTimeSeries.value).toBe(series);
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
});
