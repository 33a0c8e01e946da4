// "Logs are retained" and "nothing is public": log group and workspace retention, Lambda log groups, blob access.
import { cloudwatchLogRetention, lambdaLogGroupInStack, logAnalyticsRetention } from '../../policy/rules/logs-retained';
import { storageNoPublicBlobAccess } from '../../policy/rules/no-public-access';
import { resource } from './evaluate';

const logGroup = 'aws:cloudwatch/logGroup:LogGroup';
const lambda = 'aws:lambda/function:Function';

describe('cloudwatch-log-retention', () => {
  it('passes a positive retention, fails unset, 0 (forever) or a non-integer', () => {
    expect(cloudwatchLogRetention.check({ type: logGroup, props: { retentionInDays: 30 } })).toEqual([]);
    expect(cloudwatchLogRetention.check({ type: logGroup, props: { name: '/aws/lambda/x' } })).toEqual([
      'CloudWatch log group must set retentionInDays (unset or 0 keeps logs forever; got unset)',
    ]);
    expect(cloudwatchLogRetention.check({ type: logGroup, props: { retentionInDays: 0 } })).toHaveLength(1);
    expect(cloudwatchLogRetention.check({ type: logGroup, props: { retentionInDays: '30' } })).toHaveLength(1);
  });
});

describe('log-analytics-retention', () => {
  const workspace = 'azure-native:operationalinsights:Workspace';
  it('passes an explicit retention, fails unset', () => {
    expect(logAnalyticsRetention.check({ type: workspace, props: { retentionInDays: 30 } })).toEqual([]);
    expect(logAnalyticsRetention.check({ type: workspace, props: { sku: { name: 'PerGB2018' } } })).toEqual([
      'Log Analytics workspace must set retentionInDays (got unset)',
    ]);
  });
});

describe('lambda-log-group-in-stack (stack rule)', () => {
  const group = (name: string) => resource(logGroup, name, { name, retentionInDays: 30 });

  it('passes functions whose configured or default log group the stack creates', () => {
    expect(
      lambdaLogGroupInStack.check([
        resource(lambda, 'api', { name: 'app-api', loggingConfig: { logGroup: '/custom/api' } }),
        resource(lambda, 'worker', { name: 'app-worker' }),
        group('/custom/api'),
        group('/aws/lambda/app-worker'),
      ]),
    ).toEqual([]);
  });

  it('fails a function whose log group Lambda would create without retention', () => {
    const fn = resource(lambda, 'api', { name: 'app-api' });
    expect(lambdaLogGroupInStack.check([fn, group('/aws/lambda/other')])).toEqual([
      {
        urn: fn.urn,
        message:
          'Lambda function api logs to /aws/lambda/app-api that this stack does not create, so Lambda would create it without retention; add a LogGroup with retentionInDays',
      },
    ]);
  });
});

describe('storage-no-public-blob-access', () => {
  it('passes private accounts and containers, fails public ones', () => {
    const account = 'azure-native:storage:StorageAccount';
    const container = 'azure-native:storage:BlobContainer';
    expect(storageNoPublicBlobAccess.check({ type: account, props: { allowBlobPublicAccess: false } })).toEqual([]);
    expect(storageNoPublicBlobAccess.check({ type: account, props: {} })).toEqual([
      'storage account must set allowBlobPublicAccess: false (got unset)',
    ]);
    expect(storageNoPublicBlobAccess.check({ type: container, props: { publicAccess: 'None' } })).toEqual([]);
    expect(storageNoPublicBlobAccess.check({ type: container, props: {} })).toEqual([]);
    expect(storageNoPublicBlobAccess.check({ type: container, props: { publicAccess: 'Blob' } })).toEqual([
      'blob container must not be public (publicAccess "Blob"); use "None"',
    ]);
  });
});
