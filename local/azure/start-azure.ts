import { join } from 'node:path';
import { AZURE_SETTINGS, COSMOS_CONTAINERS, COSMOS_DATABASE } from '../../contract/azure';
import { createAzureApiEntry } from '../../handlers/azure/api';
import { activityStore, eventPublisher } from '../../handlers/azure/clients';
import { createPublisherHandler } from '../../handlers/azure/publisher';
import { createSubscriberHandler } from '../../handlers/azure/subscriber';
import { createLogger } from '../../handlers/core/log';
import { ChangeFeedPump } from '../change-feed-pump';
import type { DeadLetter } from '../dead-letter';
import { DeliveryQueue } from '../delivery-queue';
import { emulatedCloud, pipeJournal, type EmulatedCloud, type EmulatedCloudOptions } from '../emulated-cloud';
import { DeliveryFaults, outageSwitch } from '../faults';
import { close, listen } from '../listen';
import { emulatorPort, processEventGridKey, rememberEmulatorPort } from '../process-endpoints';
import type { HttpFunction } from './api-server';
import { emulatorKey } from './cosmos-client';
import { startCosmosEmulator } from './cosmos-emulator';
import { createEventGridServer, type CloudEvent } from './eventgrid-server';
import { invocationContext } from './invocation-context';

/** The delivery pipes: in dead letters' `source` and as their journals' file names. */
const pipes = { changeFeed: 'azure.cosmos-change-feed', subscription: 'azure.eventgrid' };

export type ChangeFeedDocument = Record<string, unknown>;

export type AzureLocalOptions = EmulatedCloudOptions<HttpFunction>;
export type AzureLocal = EmulatedCloud<{
  changeFeed: DeadLetter<ChangeFeedDocument[]>[];
  events: DeadLetter<CloudEvent>[];
}>;

export async function startAzure(options: AzureLocalOptions): Promise<AzureLocal> {
  const deadLetters: AzureLocal['deadLetters'] = { changeFeed: [], events: [] };
  const faults = new DeliveryFaults();
  // The functions with local mode's log sink; everything else as in the Function App.
  const log = createLogger('local-azure', options.log);
  const apiHandler = createAzureApiEntry({ servedBy: 'local-azure', log });
  const publisherHandler = createPublisherHandler(() => eventPublisher(), { log });
  const subscriberHandler = createSubscriberHandler(() => activityStore(), { log });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    // The change feed trigger: documents in commit order, in batches; a throw retries the batch.
    const changeFeed = new ChangeFeedPump<ChangeFeedDocument>(
      pipes.changeFeed,
      faults.publisher(
        async (batch: ChangeFeedDocument[]) => {
          await publisherHandler(batch, invocationContext('publisher', options.log));
          return undefined;
        },
        () => false,
      ),
      deadLetters.changeFeed,
      100,
      options.retry,
      pipeJournal<ChangeFeedDocument>(options.dataDir, pipes.changeFeed, cleanups),
    );
    const cosmos = await startCosmosEmulator({
      database: COSMOS_DATABASE,
      containers: Object.values(COSMOS_CONTAINERS),
      storeDir: options.dataDir && join(options.dataDir, 'cosmos'),
      onWrite: async (write) => {
        if (write.container !== COSMOS_CONTAINERS.notes.id || write.documents.length === 0) return;
        faults.changes(write.documents.length);
        await changeFeed.append(...write.documents);
      },
    });
    cleanups.unshift(() => cosmos.stop());

    const key = processEventGridKey();
    const subscription = new DeliveryQueue<CloudEvent>(
      pipes.subscription,
      faults.subscriber((event: CloudEvent) => subscriberHandler(event, invocationContext('subscriber', options.log))),
      deadLetters.events,
      options.retry,
      pipeJournal<CloudEvent>(options.dataDir, pipes.subscription, cleanups),
    );
    const topic = createEventGridServer({
      key,
      onEvent: (event) => subscription.enqueue(...Array.from({ length: faults.copies() }, () => event)),
    });
    const topicPort = rememberEmulatorPort(
      'eventgrid',
      await listen(
        topic,
        emulatorPort('eventgrid'),
        'the emulated Event Grid keeps its port for the life of the process',
      ),
    );
    cleanups.unshift(() => close(topic));
    const topicSwitch = outageSwitch(topic, topicPort);

    Object.assign(process.env, {
      [AZURE_SETTINGS.cosmosEndpoint]: cosmos.endpoint,
      [AZURE_SETTINGS.database]: COSMOS_DATABASE,
      [AZURE_SETTINGS.notesContainer]: COSMOS_CONTAINERS.notes.id,
      [AZURE_SETTINGS.activityContainer]: COSMOS_CONTAINERS.activity.id,
      [AZURE_SETTINGS.leasesContainer]: COSMOS_CONTAINERS.leases.id,
      [AZURE_SETTINGS.cosmosKey]: emulatorKey,
      [AZURE_SETTINGS.cosmosCaFile]: cosmos.caCertFile,
      [AZURE_SETTINGS.topicEndpoint]: `http://127.0.0.1:${topicPort}/api/events`,
      [AZURE_SETTINGS.topicKey]: key,
    });

    return emulatedCloud({
      door: options.door,
      serve: () => options.door.serve(apiHandler),
      deadLetters,
      changes: changeFeed,
      deliveries: subscription,
      cleanups,
      store: cosmos.outage,
      bus: topicSwitch,
      faults,
    });
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    throw error;
  }
}
