// The notes app on AWS as one component. The constructor reads as the table of contents of README's
// "What it deploys": documents, events, dead letters, telemetry, identity, compute, changes, http,
// alerts, dashboard, each made by the file of that name.
import * as pulumi from '@pulumi/pulumi';
import { getRegionOutput } from '@pulumi/aws/getRegion';
import type { Function as LambdaFunction } from '@pulumi/aws/lambda';
import type { AwsFunctionName } from '../contract/aws';
import { DEFAULT_ALERT_SETTINGS } from '../program/alerts';
import { buildAwsBundles } from '../program/bundle';
import { createAlerts } from './alerts';
import { validateAwsNotesAppArgs, type AwsNotesAppArgs } from './args';
import { wirePublisher } from './changes';
import { createFunction, functionEnvironment, perFunction } from './compute';
import { createDashboard } from './dashboard';
import { createDeadLetterQueue } from './dead-letters';
import { createTables } from './documents';
import { createEventBus, wireSubscriber } from './events';
import { createHttpApi } from './http';
import { createFunctionRoles } from './identity';
import { createLogGroup } from './telemetry';

export type { AwsNotesAppArgs } from './args';

/** The component's type token. */
export const AWS_NOTES_APP_TYPE = 'serverless-aws-azure:aws:NotesApp';
/**
 * Its token before it was renamed (it was `AwsStack`): the alias keeps every child's URN, so an
 * existing stack sees no replacement (Pulumi docs, "Resource option: aliases").
 */
export const AWS_NOTES_APP_PREVIOUS_TYPE = 'serverless-aws-azure:aws:Stack';

/** `<project>-<stack>` made safe for Lambda names (letters, digits, - and _; at most 50 characters). */
export function defaultNamePrefix(): string {
  return `${pulumi.getProject()}-${pulumi.getStack()}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 50);
}

export class AwsNotesApp extends pulumi.ComponentResource {
  /** The API's base URL (no trailing slash); routes are under `${endpoint}/api`. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly region: pulumi.Output<string>;
  /** The notes table. */
  public readonly tableName: pulumi.Output<string>;
  public readonly busName: pulumi.Output<string>;
  public readonly functionNames: pulumi.Output<Record<AwsFunctionName, string>>;
  /** Each function's log group (where Lambda writes its REPORT lines; compare --cold-starts reads them). */
  public readonly logGroupNames: pulumi.Output<Record<AwsFunctionName, string>>;
  public readonly functions: Record<AwsFunctionName, LambdaFunction>;

  constructor(name: string, args: AwsNotesAppArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked and built before the component registers: a bad argument or a handler that does
    // not compile fails the program with nothing created.
    const namePrefix = args.namePrefix ?? defaultNamePrefix();
    validateAwsNotesAppArgs(args, namePrefix);
    const code = args.code ?? buildAwsBundles();
    super(
      AWS_NOTES_APP_TYPE,
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: AWS_NOTES_APP_PREVIOUS_TYPE }] },
    );
    // biome-ignore lint/complexity/noUselessThisAlias: every child's `parent`, so the constructor reads as a table of contents
    const parent = this;
    const functionName = (fn: AwsFunctionName): string => `${namePrefix}-${fn}`;

    const tables = createTables(name, { protectData: args.protectData }, parent);
    const bus = createEventBus(name, {}, parent);
    const publisherFailures = createDeadLetterQueue(`${name}-publisher-failures`, {}, parent);
    const subscriberFailures = createDeadLetterQueue(`${name}-subscriber-failures`, {}, parent);
    const logGroups = perFunction((fn) =>
      createLogGroup(
        `${name}-${fn}-logs`,
        { logGroupName: `/aws/lambda/${functionName(fn)}`, retentionDays: args.logRetentionDays },
        parent,
      ),
    );
    const roles = createFunctionRoles(
      name,
      { functionName, tables, bus, publisherFailures, subscriberFailures, logGroups },
      parent,
    );

    const environment = functionEnvironment({
      notesTableName: tables.notes.name,
      activityTableName: tables.activity.name,
      busName: bus.name,
      reportConsumption: args.reportConsumption ?? false,
      timeoutSeconds: args.timeoutSeconds,
      auth: args.auth,
    });
    this.functions = perFunction((fn) =>
      createFunction(
        `${name}-${fn}`,
        {
          functionName: functionName(fn),
          code: code[fn],
          role: roles[fn],
          logGroup: logGroups[fn],
          memoryMb: args.memoryMb,
          timeoutSeconds: args.timeoutSeconds,
          environment,
        },
        parent,
      ),
    );
    const functions = this.functions;

    wirePublisher(
      name,
      {
        notes: tables.notes,
        publisher: functions.publisher,
        failureQueue: publisherFailures,
        dependsOn: [roles.publisher.policy],
      },
      parent,
    );
    const subscription = wireSubscriber(
      name,
      { bus, subscriber: functions.subscriber, failureQueue: subscriberFailures },
      parent,
    );
    const http = createHttpApi(
      name,
      {
        fn: functions.api,
        namePrefix,
        throttle: args.throttle,
        corsOrigins: args.corsOrigins,
        logRetentionDays: args.logRetentionDays,
      },
      parent,
    );

    this.region = getRegionOutput({}, { parent }).region;

    // Operations: every queue where an event can end up unprocessed pages someone.
    const deadLetterQueues = {
      'events-dlq': subscription.deadLetterQueue,
      'publisher-failures': publisherFailures,
      'subscriber-failures': subscriberFailures,
    };
    createAlerts(
      name,
      {
        deadLetterQueues,
        functions,
        streamConsumer: functions.publisher,
        api: http.api,
        stage: http.stage,
        settings: args.alerts ?? DEFAULT_ALERT_SETTINGS,
      },
      parent,
    );
    createDashboard(
      name,
      {
        dashboardName: namePrefix,
        region: this.region,
        api: http.api,
        stage: http.stage,
        functions,
        logGroups,
        bus,
        rule: subscription.rule,
        deadLetterQueues,
        tables: { notes: tables.notes, activity: tables.activity },
      },
      parent,
    );

    this.endpoint = http.api.apiEndpoint;
    this.tableName = tables.notes.name;
    this.busName = bus.name;
    this.functionNames = pulumi.output(perFunction((fn) => functions[fn].name));
    this.logGroupNames = pulumi.output(perFunction((fn) => logGroups[fn].name));
    this.registerOutputs({
      endpoint: this.endpoint,
      region: this.region,
      tableName: this.tableName,
      busName: this.busName,
      functionNames: this.functionNames,
      logGroupNames: this.logGroupNames,
    });
  }
}
