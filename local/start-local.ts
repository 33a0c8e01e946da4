import { join, resolve } from 'node:path';
import { startAws, type AwsLocal } from './aws/start-aws';
import { startAzure, type AzureLocal } from './azure/start-azure';
import { defaultPorts } from './default-ports';
import { stdoutLogger, type LocalLogger } from './log';
import type { Cloud, CloudFaults, DeliveryCounts, FailureRule } from './faults';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { assertDataDirFree, removeUrlsFile, writeUrlsFile } from './urls-file';

export { defaultPorts } from './default-ports';
export type { Cloud, DeliveryCounts, FailureRule } from './faults';

/** Fault injection for tests; nothing changes until one of these is called. */
export interface LocalFaults {
  stopStore(cloud: Cloud): Promise<void>;
  startStore(cloud: Cloud): Promise<void>;
  /** EventBridge / the Event Grid topic refuses the publisher's connections. */
  stopBus(cloud: Cloud): Promise<void>;
  startBus(cloud: Cloud): Promise<void>;
  failSubscriber(cloud: Cloud, rule: FailureRule): void;
  duplicateDeliveries(cloud: Cloud, on: boolean): void;
  counts(cloud: Cloud): DeliveryCounts;
}

export interface LocalOptions {
  /** 0 picks a free port. */
  awsPort?: number;
  azurePort?: number;
  /** Keep every store in memory; nothing under dataDir but urls.json. */
  inMemory?: boolean;
  /** Where the stores persist and urls.json is written; default `.local` in the working directory. */
  dataDir?: string;
  log?: LocalLogger;
  /** Delivery latency and retries for streams and event buses (bounded; then the dead-letter lists). */
  retry?: RetryPolicy;
}

export interface LocalMode {
  awsUrl: string;
  azureUrl: string;
  urlsFile: string;
  deadLetters: { aws: AwsLocal['deadLetters']; azure: AzureLocal['deadLetters'] };
  /** Stream records and bus events accepted but not yet delivered or dead-lettered. */
  pending(): number;
  /** Resolves when every change and event accepted so far was delivered or dead-lettered. */
  drain(): Promise<void>;
  /** Graceful: stop accepting, finish requests in flight, deliver what is pending, close emulators. */
  stop(): Promise<void>;
  faults: LocalFaults;
}

async function drainAll(clouds: { pending(): number; drainOnce(): Promise<void> }[]): Promise<void> {
  // A stream delivery publishes events, which become new deliveries: repeat until nothing is left.
  do {
    await Promise.all(clouds.map((cloud) => cloud.drainOnce()));
  } while (clouds.some((cloud) => cloud.pending() > 0));
}

export async function startLocal(options: LocalOptions = {}): Promise<LocalMode> {
  const dataDir = resolve(options.dataDir ?? '.local');
  const storeDir = options.inMemory ? undefined : dataDir;
  const log = options.log ?? stdoutLogger;
  const retry = options.retry ?? defaultRetryPolicy;
  const urlsFile = join(dataDir, 'urls.json');
  assertDataDirFree(urlsFile, dataDir);
  const [aws, azure] = await Promise.allSettled([
    startAws({ port: options.awsPort ?? defaultPorts.aws, dataDir: storeDir, log, retry }),
    startAzure({ port: options.azurePort ?? defaultPorts.azure, dataDir: storeDir, log, retry }),
  ]);
  const closeStarted = async () => {
    for (const started of [aws, azure]) {
      if (started.status === 'fulfilled') {
        await started.value.closeFrontDoor();
        await started.value.closeEmulators();
      }
    }
  };
  if (aws.status === 'rejected' || azure.status === 'rejected') {
    await closeStarted();
    throw aws.status === 'rejected' ? aws.reason : (azure as PromiseRejectedResult).reason;
  }
  const clouds = [aws.value, azure.value];
  const urls = { awsUrl: aws.value.url, azureUrl: azure.value.url };
  writeUrlsFile(urlsFile, urls);

  const byCloud: Record<Cloud, CloudFaults> = { aws: aws.value.faults, azure: azure.value.faults };
  const faults: LocalFaults = {
    stopStore: (cloud) => byCloud[cloud].stopStore(),
    startStore: (cloud) => byCloud[cloud].startStore(),
    stopBus: (cloud) => byCloud[cloud].stopBus(),
    startBus: (cloud) => byCloud[cloud].startBus(),
    failSubscriber: (cloud, rule) => byCloud[cloud].failSubscriber(rule),
    duplicateDeliveries: (cloud, on) => byCloud[cloud].duplicateDeliveries(on),
    counts: (cloud) => byCloud[cloud].counts(),
  };

  let stopping: Promise<void> | undefined;
  return {
    ...urls,
    urlsFile,
    deadLetters: { aws: aws.value.deadLetters, azure: azure.value.deadLetters },
    pending: () => clouds.reduce((n, cloud) => n + cloud.pending(), 0),
    drain: () => drainAll(clouds),
    faults,
    stop() {
      stopping ??= (async () => {
        removeUrlsFile(urlsFile, urls);
        await Promise.all(clouds.map((cloud) => cloud.closeFrontDoor()));
        await drainAll(clouds);
        await Promise.all(clouds.map((cloud) => cloud.closeEmulators()));
      })();
      return stopping;
    },
  };
}
