// One role per function with one inline policy listing only the calls that function makes, on only
// its own resources. The actions mirror the SDK commands in handlers/aws (see each list's comment).
import * as pulumi from '@pulumi/pulumi';
import { Role, RolePolicy } from '@pulumi/aws/iam';
import type { EventBus, LogGroup } from '@pulumi/aws/cloudwatch';
import type { Queue } from '@pulumi/aws/sqs';
import type { AwsFunctionName } from '../contract/aws';
import { perFunction } from './compute';
import type { Tables } from './documents';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: pulumi.Input<string>[];
}

export interface FunctionRole {
  role: Role;
  policy: RolePolicy;
}

/** Writes only to the function's own, pre-created log group (Lambda creates the streams). */
export function logStatement(logGroupArn: pulumi.Input<string>): PolicyStatement {
  return {
    Sid: 'WriteOwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    // The provider strips the API's ":*" from log group ARNs; streams live under "<group>:log-stream:…".
    Resource: [pulumi.interpolate`${logGroupArn}:*`],
  };
}

/** api: the note store (create/get/replace/remove/ping; list = a Query on the caller's partition) and reading activity. */
export function apiStatements(r: {
  notesTableArn: pulumi.Input<string>;
  activityTableArn: pulumi.Input<string>;
  logGroupArn: pulumi.Input<string>;
}): PolicyStatement[] {
  return [
    // PutItem: create and conditional replace; GetItem: get and ping; DeleteItem: conditional remove.
    {
      Sid: 'NotesItems',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: [r.notesTableArn],
    },
    { Sid: 'NotesList', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [r.notesTableArn] },
    { Sid: 'ActivityRead', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [r.activityTableArn] },
    logStatement(r.logGroupArn),
  ];
}

/** publisher: reads the notes stream (through Lambda's poller), publishes to the bus, reports failures. */
export function publisherStatements(r: {
  notesStreamArn: pulumi.Input<string>;
  busArn: pulumi.Input<string>;
  failureQueueArn: pulumi.Input<string>;
  logGroupArn: pulumi.Input<string>;
}): PolicyStatement[] {
  return [
    {
      Sid: 'ReadNotesStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Resource: [r.notesStreamArn],
    },
    // The one wildcard: ListStreams has no resource-level permission (it only lists stream ARNs,
    // never data), and Lambda's stream poller checks it, as AWS CDK's grantStreamRead also grants.
    { Sid: 'ListStreams', Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: ['*'] },
    { Sid: 'PublishNoteEvents', Effect: 'Allow', Action: ['events:PutEvents'], Resource: [r.busArn] },
    // Lambda sends a failed batch's description to the mapping's on-failure queue with this role.
    { Sid: 'ReportFailedBatches', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [r.failureQueueArn] },
    logStatement(r.logGroupArn),
  ];
}

/** subscriber: records each event once (conditional put), reports invocations that failed every retry. */
export function subscriberStatements(r: {
  activityTableArn: pulumi.Input<string>;
  failureQueueArn: pulumi.Input<string>;
  logGroupArn: pulumi.Input<string>;
}): PolicyStatement[] {
  return [
    { Sid: 'RecordActivity', Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [r.activityTableArn] },
    // Lambda's asynchronous on-failure destination is sent with the function's role.
    { Sid: 'ReportFailedEvents', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [r.failureQueueArn] },
    logStatement(r.logGroupArn),
  ];
}

const lambdaTrust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export interface FunctionRoleArgs {
  functionName: string;
  statements: PolicyStatement[];
}

export function createFunctionRole(name: string, args: FunctionRoleArgs, parent: pulumi.Resource): FunctionRole {
  const role = new Role(
    name,
    { assumeRolePolicy: lambdaTrust, description: `Execution role of the ${args.functionName} Lambda function` },
    { parent },
  );
  const policy = new RolePolicy(
    `${name}-policy`,
    { role: role.name, policy: pulumi.jsonStringify({ Version: '2012-10-17', Statement: args.statements }) },
    { parent },
  );
  return { role, policy };
}

export interface FunctionRolesArgs {
  functionName: (fn: AwsFunctionName) => string;
  tables: Tables;
  bus: EventBus;
  publisherFailures: Queue;
  subscriberFailures: Queue;
  logGroups: Record<AwsFunctionName, LogGroup>;
}

/** One role per function, each allowed only what that function calls. */
export function createFunctionRoles(
  name: string,
  args: FunctionRolesArgs,
  parent: pulumi.Resource,
): Record<AwsFunctionName, FunctionRole> {
  const { tables, bus, logGroups } = args;
  const statements = {
    api: apiStatements({
      notesTableArn: tables.notes.arn,
      activityTableArn: tables.activity.arn,
      logGroupArn: logGroups.api.arn,
    }),
    publisher: publisherStatements({
      notesStreamArn: tables.notes.streamArn,
      busArn: bus.arn,
      failureQueueArn: args.publisherFailures.arn,
      logGroupArn: logGroups.publisher.arn,
    }),
    subscriber: subscriberStatements({
      activityTableArn: tables.activity.arn,
      failureQueueArn: args.subscriberFailures.arn,
      logGroupArn: logGroups.subscriber.arn,
    }),
  };
  return perFunction((fn) =>
    createFunctionRole(`${name}-${fn}`, { functionName: args.functionName(fn), statements: statements[fn] }, parent),
  );
}
