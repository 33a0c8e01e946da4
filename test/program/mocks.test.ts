// The program's mocks on their own: outputs by resource type token (explicit names kept, others
// autonamed), the region and location from the stack config, and an invoke they do not know refused.
import type * as pulumi from '@pulumi/pulumi';
import {
  MOCK_ACCOUNT_ID,
  MOCK_DEFAULT_REGION,
  MOCK_SUBSCRIPTION_ID,
  principalIdOf,
  RecordingMocks,
} from '../../program/mocks';

const resource = (
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
): pulumi.runtime.MockResourceArgs => ({
  type,
  name,
  inputs,
  custom: true,
});

describe('AWS resources', () => {
  const mocks = new RecordingMocks({ 'aws:region': 'eu-central-1' });

  it('keep an explicit name and are autonamed without one, with ARNs in the configured region', () => {
    const named = mocks.newResource(resource('aws:lambda/function:Function', 'api', { name: 'notes-api' }));
    expect(named).toMatchObject({
      id: 'notes-api-id',
      state: { name: 'notes-api', arn: `arn:aws:lambda:eu-central-1:${MOCK_ACCOUNT_ID}:function:notes-api` },
    });
    const autonamed = mocks.newResource(resource('aws:sqs/queue:Queue', 'dlq'));
    expect(autonamed.state.name).toMatch(/^dlq-[0-9a-f]{7}$/);
    expect(autonamed.state.url).toBe(
      `https://sqs.eu-central-1.amazonaws.com/${MOCK_ACCOUNT_ID}/${String(autonamed.state.name)}`,
    );
  });

  it('give IAM, a global service, ARNs without a region', () => {
    expect(mocks.newResource(resource('aws:iam/role:Role', 'r', { name: 'role' })).state.arn).toBe(
      `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/role`,
    );
  });

  it('keep their inputs, and record each registration', () => {
    expect(mocks.newResource(resource('aws:sns/topic:Topic', 't', { displayName: 'alerts' })).state.displayName).toBe(
      'alerts',
    );
    expect(mocks.resources.map((r) => r.name)).toEqual(['api', 'dlq', 'r', 't']);
  });

  it('fall back to the default region without config', () => {
    expect(new RecordingMocks().call({ token: 'aws:index/getRegion:getRegion', inputs: {} }).name).toBe(
      MOCK_DEFAULT_REGION,
    );
  });
});

describe('Azure resources', () => {
  const mocks = new RecordingMocks({ 'azure-native:location': 'swedencentral' });

  it('get ARM ids, the configured location, and a principal for a system-assigned identity', () => {
    const app = mocks.newResource(resource('azure-native:web:WebApp', 'app', { identity: { type: 'SystemAssigned' } }));
    expect(app.id).toBe(`/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.web/WebApp/app`);
    expect(app.state).toMatchObject({
      location: 'swedencentral',
      identity: { type: 'SystemAssigned', principalId: principalIdOf('app') },
    });
    expect(app.state.defaultHostName).toBe(`${String(app.state.name)}.azurewebsites.net`);
    expect(mocks.newResource(resource('azure-native:storage:Queue', 'q')).state.identity).toBeUndefined();
  });

  it("take a child's name from its own name input, not its parent's", () => {
    const container = resource('azure-native:cosmosdb:SqlResourceSqlContainer', 'c', {
      accountName: 'acct',
      databaseName: 'db',
      containerName: 'notes',
    });
    expect(mocks.newResource(container).state.name).toBe('notes');
  });

  it('autoname storage accounts with lowercase letters and digits only', () => {
    expect(mocks.newResource(resource('azure-native:storage:StorageAccount', 'appst')).state.name).toMatch(
      /^appst[a-z0-9]+$/,
    );
  });
});

it('refuses an invoke it does not know, naming it and where to add it', () => {
  const mocks = new RecordingMocks();
  expect(() => mocks.call({ token: 'aws:ec2/getVpc:getVpc', inputs: {} })).toThrow(
    'the mocks do not answer the invoke aws:ec2/getVpc:getVpc: add it to program/mocks.ts',
  );
  expect(mocks.calls).toEqual(['aws:ec2/getVpc:getVpc']);
});
