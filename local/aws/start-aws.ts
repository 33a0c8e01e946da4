import { join } from 'node:path';
import dynalite from 'dynalite';
import type { DynamoDBRecord } from 'aws-lambda';
import { activityTableSchema, AWS_ENV, EVENTBRIDGE_SOURCE, NOTES_KEYS, notesTableSchema } from '../../contract/aws';
import { createAwsApiEntry } from '../../handlers/aws/api';
import { createAwsPublisherEntry } from '../../handlers/aws/publisher';
import { createAwsSubscriberEntry } from '../../handlers/aws/subscriber';
import { createLogger } from '../../handlers/core/log';
import { ChangeFeedPump } from '../change-feed-pump';
import type { DeadLetter } from '../dead-letter';
import { DeliveryQueue } from '../delivery-queue';
import { emulatedCloud, pipeJournal, type EmulatedCloud, type EmulatedCloudOptions } from '../emulated-cloud';
import { DeliveryFaults, outageSwitch } from '../faults';
import { close, listen } from '../listen';
import { emulatorPort, rememberEmulatorPort } from '../process-endpoints';
import type { ApiLambda } from './api-server';
import { emulatorClient } from './dynamodb-client';
import { ensureTables } from './dynamodb-tables';
import { createEventBridgeServer, type BusEvent } from './eventbridge-server';
import { createStreamCaptureProxy } from './stream-capture-proxy';
import { deliverStreamBatch } from './stream-delivery';

export const awsNames = { notesTable: 'notes', activityTable: 'activity', eventBus: 'serverless-aws-azure', region: 'us-east-1' };
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
  const publisherHandler = createAwsPublisherEntry({ log });
  const subscriberHandler = createAwsSubscriberEntry({ log });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const dynamo = dynalite({ path: options.dataDir && join(options.dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const dynamoUrl = new URL(`http://127.0.0.1:${await listen(dynamo, 0)}`);
    cleanups.unshift(() => close(dynamo));
    const client = emulatorClient(dynamoUrl.toString());
    cleanups.unshift(async () => client.destroy());
    await ensureTables(client, [notesTableSchema(awsNames.notesTable), activityTableSchema(awsNames.activityTable)]);

    const publish = faults.publisher((batch: DynamoDBRecord[]) => deliverStreamBatch(publisherHandler, batch), (failedAt) => failedAt !== undefined);
    const streamJournal = pipeJournal<DynamoDBRecord>(options.dataDir, pipes.stream, cleanups);
    const stream = new ChangeFeedPump<DynamoDBRecord>(pipes.stream, publish, deadLetters.stream, 100, options.retry, streamJournal);
    const streamSource = { table: awsNames.notesTable, keyAttributes: [NOTES_KEYS.hash], region: awsNames.region, label: 'local' };
    const proxy = createStreamCaptureProxy(dynamo, streamSource, (records) => {
      faults.changes(records.length);
      return stream.append(...records);
    });
    const proxyPort = rememberEmulatorPort('dynamodb', await listen(proxy, emulatorPort('dynamodb'), 'the emulated DynamoDB keeps its port for the life of the process'));
    cleanups.unshift(() => close(proxy));
    // The app's only way to DynamoDB is this proxy, so closing it is the outage the SDK sees.
    const store = outageSwitch(proxy, proxyPort);

    // The rule of the stack: events whose source is the notes publisher go to the subscriber.
    const ruleJournal = pipeJournal<BusEvent>(options.dataDir, pipes.rule, cleanups);
    const rule = new DeliveryQueue<BusEvent>(pipes.rule, faults.subscriber((event: BusEvent) => subscriberHandler(event)), deadLetters.events, options.retry, ruleJournal);
    const bus = createEventBridgeServer({
      busName: awsNames.eventBus,
      region: awsNames.region,
      onEvent: async (event) => {
        if (event.source !== EVENTBRIDGE_SOURCE) return;
        await rule.enqueue(...Array.from({ length: faults.copies() }, () => event));
      },
    });
    const busPort = rememberEmulatorPort('eventbridge', await listen(bus, emulatorPort('eventbridge'), 'the emulated EventBridge keeps its port for the life of the process'));
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

    return emulatedCloud({ door: options.door, serve: () => options.door.serve(apiHandler), deadLetters, changes: stream, deliveries: rule, cleanups, store: store, bus: busSwitch, faults });
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    throw error;
  }
}
