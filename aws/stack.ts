// The AWS side of the application as one component: tables, bus, three functions, the HTTP API.
import * as pulumi from '@pulumi/pulumi';
import { getRegionOutput } from '@pulumi/aws/getRegion';
import { awsFunctionNames, buildAwsBundles, type AwsFunctionName } from '../handlers/bundle';
import { DEFAULT_ALERT_SETTINGS } from '../program/alerts';
import { createAlerts } from './alerts';
import { validateAwsStackArgs, type AwsStackArgs } from './args';
import { createHttpApi } from './api';
import { createDashboard } from './dashboard';
import { createTables } from './data';
import { createEventBus, wirePublisher, wireSubscriber } from './events';
import { createFunction } from './functions';
import { apiStatements, createFunctionRole, publisherStatements, subscriberStatements } from './iam';
import { createLogGroup } from './log-group';
import { createDeadLetterQueue } from './queues';

export type { AwsStackArgs } from './args';

/** `<project>-<stack>` made safe for Lambda names (letters, digits, - and _; at most 50 characters). */
export function defaultNamePrefix(): string {
  return `${pulumi.getProject()}-${pulumi.getStack()}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 50);
}

export class AwsStack extends pulumi.ComponentResource {
  /** The API's base URL (no trailing slash); routes are under `${url}/api`. */
  public readonly url: pulumi.Output<string>;
  public readonly region: pulumi.Output<string>;
  /** The notes table. */
  public readonly tableName: pulumi.Output<string>;
  public readonly busName: pulumi.Output<string>;
  public readonly functionNames: pulumi.Output<Record<AwsFunctionName, string>>;
  /** Each function's log group (where Lambda writes its REPORT lines; compare --cold-starts reads them). */
  public readonly logGroupNames: pulumi.Output<Record<AwsFunctionName, string>>;

  constructor(name: string, args: AwsStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked and built before the component registers: a bad argument or a handler that does
    // not compile fails the program with nothing created.
    const namePrefix = args.namePrefix ?? defaultNamePrefix();
    validateAwsStackArgs(args, namePrefix);
    const bundles = args.bundles ?? buildAwsBundles();
    super('serverless-aws-azure:aws:Stack', name, {}, opts);

    const tables = createTables(name, args.protectData, this);
    const bus = createEventBus(name, this);
    const publisherFailures = createDeadLetterQueue(`${name}-publisher-failures`, this);
    const subscriberFailures = createDeadLetterQueue(`${name}-subscriber-failures`, this);

    const functionName = (fn: AwsFunctionName): string => `${namePrefix}-${fn}`;
    const logGroups = Object.fromEntries(
      awsFunctionNames.map((fn) => [
        fn,
        createLogGroup(`${name}-${fn}-logs`, `/aws/lambda/${functionName(fn)}`, args.logRetentionDays, this),
      ]),
    ) as Record<AwsFunctionName, ReturnType<typeof createLogGroup>>;

    const roles = {
      api: createFunctionRole(
        `${name}-api`,
        functionName('api'),
        apiStatements({
          notesTableArn: tables.notes.arn,
          activityTableArn: tables.activity.arn,
          logGroupArn: logGroups.api.arn,
        }),
        this,
      ),
      publisher: createFunctionRole(
        `${name}-publisher`,
        functionName('publisher'),
        publisherStatements({
          notesStreamArn: tables.notes.streamArn,
          busArn: bus.arn,
          failureQueueArn: publisherFailures.arn,
          logGroupArn: logGroups.publisher.arn,
        }),
        this,
      ),
      subscriber: createFunctionRole(
        `${name}-subscriber`,
        functionName('subscriber'),
        subscriberStatements({
          activityTableArn: tables.activity.arn,
          failureQueueArn: subscriberFailures.arn,
          logGroupArn: logGroups.subscriber.arn,
        }),
        this,
      ),
    };

    // docs/ARCHITECTURE.md "Configuration read by the handlers".
    const environment = {
      NOTES_TABLE: tables.notes.name,
      ACTIVITY_TABLE: tables.activity.name,
      EVENT_BUS_NAME: bus.name,
    };
    const settings = { memoryMb: args.memoryMb, timeoutSeconds: args.timeoutSeconds, environment };
    const functions = Object.fromEntries(
      awsFunctionNames.map((fn) => [
        fn,
        createFunction(`${name}-${fn}`, functionName(fn), bundles[fn], roles[fn], logGroups[fn], settings, this),
      ]),
    ) as Record<AwsFunctionName, ReturnType<typeof createFunction>>;

    wirePublisher(name, tables.notes, functions.publisher, publisherFailures, [roles.publisher.policy], this);
    const subscription = wireSubscriber(name, bus, functions.subscriber, subscriberFailures, this);
    const http = createHttpApi(
      name,
      functions.api,
      { namePrefix, throttle: args.throttle, corsOrigins: args.corsOrigins, logRetentionDays: args.logRetentionDays },
      this,
    );

    this.region = getRegionOutput({}, { parent: this }).region;

    // Operations: every queue where an event can end up unprocessed pages someone.
    const deadLetterQueues = {
      'events-dlq': subscription.deadLetterQueue,
      'publisher-failures': publisherFailures,
      'subscriber-failures': subscriberFailures,
    };
    createAlerts(
      name,
      { deadLetterQueues, functions, streamConsumer: functions.publisher, api: http.api, stage: http.stage },
      args.alerts ?? DEFAULT_ALERT_SETTINGS,
      this,
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
      this,
    );

    this.url = http.api.apiEndpoint;
    this.tableName = tables.notes.name;
    this.busName = bus.name;
    this.functionNames = pulumi.output({
      api: functions.api.name,
      publisher: functions.publisher.name,
      subscriber: functions.subscriber.name,
    });
    this.logGroupNames = pulumi.output({ api: logGroups.api.name, publisher: logGroups.publisher.name, subscriber: logGroups.subscriber.name });
    this.registerOutputs({
      url: this.url,
      region: this.region,
      tableName: this.tableName,
      busName: this.busName,
      functionNames: this.functionNames,
      logGroupNames: this.logGroupNames,
    });
  }
}
