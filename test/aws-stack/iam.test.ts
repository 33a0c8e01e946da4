// Least privilege, read from the policies the component asked for: exact statements per function.
import { buildAwsBundles } from '../../program/bundle';
import { fixtureAwsEntries } from '../bundle/fixture-entries';
import { baseArgs, named, ofType, REGION, runProgram, type ProgramRun } from './program';

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string[];
}

const ACCOUNT = '123456789012';
const prefix = 'least';
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram([
    { name: 'aws', args: baseArgs({ code: buildAwsBundles({ entries: fixtureAwsEntries }), namePrefix: prefix }) },
  ]);
});

const table = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/aws-${name}-0123abc`;
const queue = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:aws-${name}-0123abc`;
const ownLogs = (fn: string) => ({
  Sid: 'WriteOwnLogs',
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${prefix}-${fn}:*`],
});

const expected: Record<string, Statement[]> = {
  api: [
    {
      Sid: 'NotesItems',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: [table('notes')],
    },
    { Sid: 'NotesList', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [table('notes')] },
    { Sid: 'ActivityRead', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [table('activity')] },
    ownLogs('api'),
  ],
  publisher: [
    {
      Sid: 'ReadNotesStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Resource: [`${table('notes')}/stream/2026-01-01T00:00:00.000`],
    },
    { Sid: 'ListStreams', Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: ['*'] },
    {
      Sid: 'PublishNoteEvents',
      Effect: 'Allow',
      Action: ['events:PutEvents'],
      Resource: [`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/aws-bus-0123abc`],
    },
    {
      Sid: 'ReportFailedBatches',
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Resource: [queue('publisher-failures')],
    },
    ownLogs('publisher'),
  ],
  subscriber: [
    { Sid: 'RecordActivity', Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [table('activity')] },
    {
      Sid: 'ReportFailedEvents',
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Resource: [queue('subscriber-failures')],
    },
    ownLogs('subscriber'),
  ],
};

const statementsOf = (fn: string): Statement[] => {
  const policy = named(run, 'aws:iam/rolePolicy:RolePolicy', `aws-${fn}-policy`);
  const document = JSON.parse(policy.inputs.policy as string) as { Version: string; Statement: Statement[] };
  expect(document.Version).toBe('2012-10-17');
  return document.Statement;
};

describe('IAM', () => {
  it.each(['api', 'publisher', 'subscriber'])('gives %s exactly the calls it makes, on its own resources', (fn) => {
    expect(statementsOf(fn)).toEqual(expected[fn]);
  });

  it('has no wildcard but the documented dynamodb:ListStreams', () => {
    for (const fn of ['api', 'publisher', 'subscriber']) {
      for (const statement of statementsOf(fn)) {
        for (const action of statement.Action) expect(action).not.toContain('*');
        if (statement.Resource.includes('*')) expect(statement.Action).toEqual(['dynamodb:ListStreams']);
      }
    }
  });

  it('gives each function its own role that only Lambda can assume', () => {
    const roles = ofType(run, 'aws:iam/role:Role');
    expect(roles).toHaveLength(3);
    for (const fn of ['api', 'publisher', 'subscriber']) {
      const role = named(run, 'aws:iam/role:Role', `aws-${fn}`);
      expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      expect(role.inputs.managedPolicyArns).toBeUndefined();
      expect(named(run, 'aws:iam/rolePolicy:RolePolicy', `aws-${fn}-policy`).inputs.role).toBe(`aws-${fn}-0123abc`);
      expect(named(run, 'aws:lambda/function:Function', `aws-${fn}`).inputs.role).toBe(
        `arn:aws:iam::${ACCOUNT}:role/aws-${fn}-0123abc`,
      );
    }
    expect(ofType(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment')).toHaveLength(0);
  });
});
