import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  activityTableSchema,
  AWS_ENV,
  EVENTBRIDGE_SOURCE,
  NOTES_KEY_ATTRIBUTES,
  notesTableSchema,
} from '../../contract/aws';
import { createAwsApiEntry } from '../../handlers/aws/api';
import { createLogger, silentSink } from '../../handlers/core/log';
import { ChangeFeedPump } from '../change-feed-pump';
import type { DeadLetter } from '../dead-letter';
import { DeliveryQueue } from '../delivery-queue';
import {
  emulatedCloud,
  journalFile,
  pipeJournal,
  type EmulatedCloud,
  type EmulatedCloudOptions,
} from '../emulated-cloud';
import { DeliveryFaults, outageSwitch } from '../faults';
import { close, listen } from '../listen';
import { emulatorPort, rememberEmulatorPort } from '../process-endpoints';
import type { ApiLambda } from './api-server';
import { emulatorClient } from './dynamodb-client';
import { startDynamoDbThread } from './dynamodb-thread';
import { ensureTables } from './dynamodb-tables';
import { createEventBridgeServer, type BusEvent } from './eventbridge-server';
import { startLambdaThread, type LambdaThread } from './lambda-thread';
import { deliverStreamBatch, type StreamLambda } from './stream-delivery';

// Keyed by owner: new names, so a data directory from before keeps its old tables apart.
export const awsNames = {
  notesTable: 'notes-by-owner',
  activityTable: 'activity-by-owner',
  eventBus: 'serverless-aws-azure',
  region: 'us-east-1',
};
/**
 * How often the stream is read for the publisher, as the event source mapping polls: "Lambda polls shards
 * in your DynamoDB stream for records at a base rate of 4 times per second" (AWS Lambda developer guide,
 * "Using AWS Lambda with Amazon DynamoDB"). Ten times that rate here, so an event still follows its write at
 * once for a person or a test, while under load one batch (one publisher call, one PutEvents per 10
 * records) carries every change that arrived meanwhile instead of one each.
 */
export const STREAM_POLL_MS = 25;
/** The delivery pipes: in dead letters' `source` and as their journals' file names. */
const pipes = { stream: 'aws.dynamodb-stream', rule: 'aws.eventbridge' };

export type AwsLocalOptions = EmulatedCloudOptions<ApiLambda>;
export type AwsLocal = EmulatedCloud<{ stream: DeadLetter<DynamoDBRecord[]>[]; events: DeadLetter<BusEvent>[] }>;

/** Starts the emulators behind `options.door`; the door serves once the returned cloud is opened. */
export async function startAws(options: AwsLocalOptions): Promise<AwsLocal> {
  const deadLetters: AwsLocal['deadLetters'] = { stream: [], events: [] };
  const faults = new DeliveryFaults();
  // The functions with local mode's log sink; everything else as in the Lambda runtime.
  const log = createLogger('local-aws', options.log);
  const apiHandler = createAwsApiEntry({ servedBy: 'local-aws', log });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    // The publisher and subscriber run in a thread of their own (started below, once the environment
    // they read is set); nothing is delivered before the cloud is opened.
    let lambdas: LambdaThread | undefined;
    const publisherHandler: StreamLambda = (event) => lambdas!.invoke('publisher', event) as ReturnType<StreamLambda>;
    const subscriberHandler = async (event: BusEvent) => void (await lambdas!.invoke('subscriber', event));
    const publish = faults.publisher(
      (batch: DynamoDBRecord[]) => deliverStreamBatch(publisherHandler, batch),
      (failedAt) => failedAt !== undefined,
    );
    const streamSource = {
      table: awsNames.notesTable,
      keyAttributes: [...NOTES_KEY_ATTRIBUTES],
      region: awsNames.region,
      label: 'local',
    };
    // dynalite, its stream capture proxy (the app's only way to DynamoDB) and the stream's journal run in
    // their own thread; each committed write's entries, durable before the write is answered, come here
    // to be delivered, and their checkpoints go back.
    let stream: ChangeFeedPump<DynamoDBRecord> | undefined;
    const dynamo = await startDynamoDbThread({
      path: options.dataDir && join(options.dataDir, 'dynamodb'),
      port: emulatorPort('dynamodb'),
      source: streamSource,
      journal: journalFile(options.dataDir, pipes.stream),
      onEntries: (entries) => {
        faults.changes(entries.length);
        stream!.accept(entries);
      },
    });
    stream = new ChangeFeedPump<DynamoDBRecord>(
      pipes.stream,
      publish,
      deadLetters.stream,
      100,
      { ...options.retry, latencyMs: Math.max(options.retry.latencyMs ?? 0, STREAM_POLL_MS) },
      dynamo.journal,
    );
    cleanups.unshift(() => dynamo.close());
    const proxyPort = rememberEmulatorPort('dynamodb', dynamo.port);
    const client = emulatorClient(`http://127.0.0.1:${proxyPort}`);
    cleanups.unshift(async () => client.destroy());
    await ensureTables(client, [notesTableSchema(awsNames.notesTable), activityTableSchema(awsNames.activityTable)]);
    // Closing the proxy is the outage the SDK sees.
    const store = { stop: () => dynamo.stopStore(), start: () => dynamo.startStore() };

    // The rule of the stack: events whose source is the notes publisher go to the subscriber.
    const ruleJournal = pipeJournal<BusEvent>(options.dataDir, pipes.rule, cleanups);
    const rule = new DeliveryQueue<BusEvent>(
      pipes.rule,
      faults.subscriber((event: BusEvent) => subscriberHandler(event)),
      deadLetters.events,
      options.retry,
      ruleJournal,
    );
    const bus = createEventBridgeServer({
      busName: awsNames.eventBus,
      region: awsNames.region,
      onEvent: async (event) => {
        if (event.source !== EVENTBRIDGE_SOURCE) return;
        await rule.enqueue(...Array.from({ length: faults.copies() }, () => event));
      },
    });
    const busPort = rememberEmulatorPort(
      'eventbridge',
      await listen(
        bus,
        emulatorPort('eventbridge'),
        'the emulated EventBridge keeps its port for the life of the process',
      ),
    );
    cleanups.unshift(() => close(bus));
    const busSwitch = outageSwitch(bus, busPort);

    Object.assign(process.env, {
      [AWS_ENV.notesTable]: awsNames.notesTable,
      [AWS_ENV.activityTable]: awsNames.activityTable,
      [AWS_ENV.eventBus]: awsNames.eventBus,
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${proxyPort}`,
      AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${busPort}`,
      AWS_REGION: awsNames.region,
      // The emulators ignore signatures; fixed credentials keep real ones from being looked up or sent.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const started = startLambdaThread(options.log === silentSink ? undefined : options.log);
    lambdas = started;
    cleanups.unshift(() => started.close());

    return emulatedCloud({
      door: options.door,
      serve: () => options.door.serve(apiHandler),
      deadLetters,
      // Entries of writes answered before the drain may still be on their way from the thread.
      changes: {
        get pending() {
          return stream.pending;
        },
        resume: () => stream.resume(),
        drain: async () => {
          // A dead thread settles nothing more; what it accepted is in its journal for the next start.
          await dynamo.settle().catch(() => undefined);
          await stream.drain();
        },
      },
      deliveries: rule,
      cleanups,
      store: store,
      bus: busSwitch,
      faults,
    });
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    throw error;
  }
}
