// The pack against the real AwsNotesApp: run once under mocks, every rule passes on what it registers,
// and each deliberately broken copy fails with exactly the violation it should.
import type { AwsNotesAppArgs } from '../../aws';
import { makeBundle } from '../../program/bundle/content-hash';
import type { StackResource } from '../../policy/rules';
import { evaluate, type Violation } from './evaluate';
import { copyOf, find, installCapturingMocks, outputValue } from './stack-capture';
import { TEST_AUTH } from '../support/stack-auth';
import { AUTH_SETTINGS, AUTH_MODE_NONE } from '../../contract/settings';
import { noIamAccessKeys } from '../../policy/rules/no-keys';
import { signInRequired } from '../../policy/rules/sign-in';
import { toResourcePolicy } from '../../policy/wiring';

const captured = installCapturingMocks();
let resources: StackResource[];

// Policies do not read code: small bundles spare an esbuild run.
const bundle = (name: string) =>
  makeBundle({ 'index.js': Buffer.from(`exports.handler = async () => ${JSON.stringify(name)};`) });

beforeAll(async () => {
  const pulumi = await import('@pulumi/pulumi');
  const { AwsNotesApp } = await import('../../aws');
  const args: AwsNotesAppArgs = {
    protectData: true,
    logRetentionDays: 30,
    throttle: { rateLimit: 25, burstLimit: 50 },
    memoryMb: 256,
    timeoutSeconds: 15,
    corsOrigins: [],
    auth: TEST_AUTH,
    code: { api: bundle('api'), publisher: bundle('publisher'), subscriber: bundle('subscriber') },
  };
  const stack = new AwsNotesApp('aws', args);
  await outputValue(stack.endpoint);
  await pulumi.runtime.disconnect();
  resources = [...captured];
});

const ofType = (type: string) => resources.filter((r) => r.type === type);
const only = (violations: Violation[]) =>
  violations.map(({ policy, resource, message }) => `${policy} | ${resource} | ${message}`);

describe('our AWS stack', () => {
  it('registers the resources the rules are about (so passing means something)', () => {
    expect(ofType('aws:dynamodb/table:Table')).toHaveLength(2);
    expect(ofType('aws:iam/rolePolicy:RolePolicy')).toHaveLength(3);
    expect(ofType('aws:iam/role:Role')).toHaveLength(3);
    expect(ofType('aws:sqs/queue:Queue').length).toBeGreaterThanOrEqual(2);
    expect(ofType('aws:cloudwatch/logGroup:LogGroup')).toHaveLength(4);
    expect(ofType('aws:lambda/function:Function')).toHaveLength(3);
    expect(
      ofType('aws:cloudwatch/metricAlarm:MetricAlarm').filter((a) => a.props.namespace === 'AWS/SQS'),
    ).toHaveLength(3);
    // The policies are real documents, not unresolved placeholders.
    for (const policy of ofType('aws:iam/rolePolicy:RolePolicy'))
      expect(JSON.parse(String(policy.props.policy)).Statement.length).toBeGreaterThan(0);
    for (const r of resources) expect(r.urn).toMatch(/^urn:pulumi:/);
    // The one Resource "*" the allow-list exists for is really there, and passes only because of it.
    const publisher = JSON.parse(
      String(find(resources, 'aws:iam/rolePolicy:RolePolicy', 'aws-publisher-policy').props.policy),
    );
    expect(publisher.Statement).toContainEqual({
      Sid: 'ListStreams',
      Effect: 'Allow',
      Action: ['dynamodb:ListStreams'],
      Resource: ['*'],
    });
  });

  it('passes every rule of the pack', () => {
    expect(only(evaluate(resources))).toEqual([]);
  });
});

describe('a broken copy of the AWS stack fails', () => {
  function broken(change: (copy: StackResource[]) => void): string[] {
    const copy = copyOf(resources);
    change(copy);
    return only(evaluate(copy));
  }

  it('with sign-in off (auth none) on the functions: one advisory warning each, and mandatory rules stay mandatory', () => {
    const violations = broken((c) => {
      for (const fn of c.filter((r) => r.type === 'aws:lambda/function:Function')) {
        const variables = (fn.props.environment as { variables: Record<string, string> }).variables;
        for (const key of Object.values(AUTH_SETTINGS)) delete variables[key];
        variables[AUTH_SETTINGS.mode] = AUTH_MODE_NONE;
      }
    });
    expect(violations.map((v) => v.split(' | ').slice(0, 2).join(' | ')).sort()).toEqual(
      ['aws-api', 'aws-publisher', 'aws-subscriber'].map((fn) => `sign-in-required | ${fn}`),
    );
    expect(toResourcePolicy(signInRequired).enforcementLevel).toBe('advisory');
    expect(toResourcePolicy(noIamAccessKeys).enforcementLevel).toBe('mandatory');
  });

  it('with PITR off', () => {
    expect(
      broken((c) => (find(c, 'aws:dynamodb/table:Table', 'aws-notes').props.pointInTimeRecovery = { enabled: false })),
    ).toEqual([
      'dynamodb-point-in-time-recovery | aws-notes | DynamoDB table must set pointInTimeRecovery.enabled: true to be restorable to any second of the last 35 days (got false)',
    ]);
  });

  it('with table encryption left to the AWS owned key', () => {
    expect(
      broken((c) => delete find(c, 'aws:dynamodb/table:Table', 'aws-activity').props.serverSideEncryption),
    ).toEqual([
      'dynamodb-sse-enabled | aws-activity | DynamoDB table must set serverSideEncryption.enabled: true (a KMS key whose use CloudTrail records; got unset)',
    ]);
  });

  it('with an IAM statement on Resource "*" and one with a service wildcard', () => {
    const violations = broken((c) => {
      const policy = find(c, 'aws:iam/rolePolicy:RolePolicy', 'aws-api-policy');
      const document = JSON.parse(String(policy.props.policy));
      document.Statement.push({ Sid: 'ScanAnything', Effect: 'Allow', Action: ['dynamodb:Scan'], Resource: ['*'] });
      document.Statement[0].Action = ['dynamodb:*'];
      policy.props.policy = JSON.stringify(document);
    });
    expect(violations).toEqual([
      `iam-no-wildcards | aws-api-policy | statement "NotesItems" allows Action "dynamodb:*"; list the actions the function calls`,
      'iam-no-wildcards | aws-api-policy | statement "ScanAnything" allows dynamodb:Scan on Resource "*"; scope it to ARNs (only actions in policy/rules/wildcard-resource-allow-list.ts may use "*")',
    ]);
  });

  it('with an AWS managed FullAccess policy attached to a function role', () => {
    const violations = broken((c) =>
      c.push({
        type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
        name: 'shortcut',
        urn: 'urn:shortcut',
        props: { role: 'aws-api', policyArn: 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess' },
      }),
    );
    expect(violations).toEqual([
      'iam-no-full-access-managed-policies | shortcut | attaches the AWS managed policy arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess, which grants far more than one function needs; write an inline policy with the exact actions and ARNs',
    ]);
  });

  it('with a log group that keeps logs forever', () => {
    expect(
      broken((c) => delete find(c, 'aws:cloudwatch/logGroup:LogGroup', 'aws-api-logs').props.retentionInDays),
    ).toEqual([
      'cloudwatch-log-retention | aws-api-logs | CloudWatch log group must set retentionInDays (unset or 0 keeps logs forever; got unset)',
    ]);
  });

  it('with a function whose log group the stack no longer creates', () => {
    const violations = broken((c) =>
      c.splice(c.indexOf(find(c, 'aws:cloudwatch/logGroup:LogGroup', 'aws-api-logs')), 1),
    );
    expect(violations).toEqual([
      expect.stringMatching(
        /^lambda-log-group-in-stack \| aws-api \| Lambda function aws-api logs to \/aws\/lambda\/\S+-api that this stack does not create/,
      ),
    ]);
  });

  it('with a dead-letter queue whose alarm is gone, naming the queue and who sends to it', () => {
    const violations = broken((c) =>
      c.splice(c.indexOf(find(c, 'aws:cloudwatch/metricAlarm:MetricAlarm', 'aws-events-dlq-messages')), 1),
    );
    expect(violations).toEqual([
      'dead-letters-alerted | aws-events-dlq | dead-letter queue aws-events-dlq (failures of aws-subscriber) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible > 0 with alarmActions; add one so a failed event pages someone',
    ]);
  });

  it('with an on-failure queue whose alarm notifies nobody', () => {
    const violations = broken(
      (c) =>
        (find(c, 'aws:cloudwatch/metricAlarm:MetricAlarm', 'aws-publisher-failures-messages').props.alarmActions = []),
    );
    expect(violations).toEqual([
      expect.stringMatching(
        /^dead-letters-alerted \| aws-publisher-failures \| dead-letter queue aws-publisher-failures \(failures of aws-notes-stream\) has no CloudWatch alarm/,
      ),
    ]);
  });

  it('with an unencrypted dead-letter queue', () => {
    expect(
      broken((c) => (find(c, 'aws:sqs/queue:Queue', 'aws-events-dlq').props.sqsManagedSseEnabled = false)),
    ).toEqual([
      'sqs-sse-enabled | aws-events-dlq | SQS queue must set sqsManagedSseEnabled: true or a kmsMasterKeyId (got sqsManagedSseEnabled false)',
    ]);
  });

  it('with an IAM access key and a key in a function environment', () => {
    const violations = broken((c) => {
      c.push({
        type: 'aws:iam/accessKey:AccessKey',
        name: 'deployer-key',
        urn: 'urn:key',
        props: { user: 'deployer' },
      });
      const variables = (
        find(c, 'aws:lambda/function:Function', 'aws-api').props.environment as { variables: Record<string, string> }
      ).variables;
      variables.BLOB_CONNECTION = 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==';
    });
    expect(violations).toEqual([
      'no-keys-in-app-settings | aws-api | environment variable "BLOB_CONNECTION" holds a key (AccountKey=); connect with the managed identity or role instead',
      expect.stringMatching(/^no-iam-access-keys \| deployer-key \| IAM access keys are long-lived credentials/),
    ]);
  });
});
