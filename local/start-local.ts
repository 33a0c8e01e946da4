import { resolve } from 'node:path';
import { startAws, type AwsLocal } from './aws/start-aws';
import { startAzure, type AzureLocal } from './azure/start-azure';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { defaultPorts } from './default-ports';
import { openFrontDoors, type FrontDoors } from './front-doors';
import { stdoutLogger, type LocalLogger } from './log';
import type { Cloud, CloudFaults, DeliveryCounts, FailureRule } from './faults';
import type { LocalIssuer } from './oidc/issuer';
import type { LocalAuth } from './oidc/settings';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { startSignIn } from './sign-in';
import { DEFAULT_DATA_DIR, removeUrlsFile, urlsFileIn, writeUrlsFile } from './urls-file';

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
  /**
   * Keep every store in memory. The data directory is not needed: urls.json is written there only if
   * no other local mode holds it.
   */
  inMemory?: boolean;
  /** Where the stores and journals persist and urls.json is written; default `.local` in the working directory. */
  dataDir?: string;
  /** The public ports, already listening (main.ts opens them before loading anything); else opened from the ports above. */
  doors?: FrontDoors;
  log?: LocalLogger;
  /** Delivery latency and retries for streams and event buses (bounded; then the dead-letter lists). */
  retry?: RetryPolicy;
  /** Default `oidc`: a local issuer on loopback; `none`: every caller is the anonymous owner. */
  auth?: LocalAuth;
  /** The issuer's port; 0 (the default here; `npm start` uses 3003) picks a free one. */
  issuerPort?: number;
}

export interface LocalMode {
  awsUrl: string;
  azureUrl: string;
  /** The local OIDC issuer both clouds trust (mint tokens with it); undefined with `auth: none`. */
  issuer: LocalIssuer | undefined;
  /** Where urls.json was written; undefined when an in-memory instance found the data directory taken. */
  urlsFile: string | undefined;
  deadLetters: { aws: AwsLocal['deadLetters']; azure: AzureLocal['deadLetters'] };
  /** Stream records and bus events accepted but not yet delivered or dead-lettered. */
  pending(): number;
  /** Resolves when every change and event accepted so far was delivered or dead-lettered. */
  drain(): Promise<void>;
  /** Graceful: stop accepting, finish requests in flight, deliver what is pending, close emulators and journals. */
  stop(): Promise<void>;
  faults: LocalFaults;
}

async function drainAll(clouds: { pending(): number; drainOnce(): Promise<void> }[]): Promise<void> {
  // A stream delivery publishes events, which become new deliveries: repeat until nothing is left.
  do {
    await Promise.all(clouds.map((cloud) => cloud.drainOnce()));
  } while (clouds.some((cloud) => cloud.pending() > 0));
}

/** The data directory's lock: required on disk; in memory only taken (for urls.json) when free. */
async function claimDataDir(dataDir: string, inMemory: boolean): Promise<DataDirLock | undefined> {
  if (!inMemory) return lockDataDir(dataDir);
  return lockDataDir(dataDir).catch(() => undefined);
}

export async function startLocal(options: LocalOptions = {}): Promise<LocalMode> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const inMemory = options.inMemory ?? false;
  const storeDir = inMemory ? undefined : dataDir;
  const log = options.log ?? stdoutLogger;
  const retry = options.retry ?? defaultRetryPolicy;
  // Ports first: a taken port is refused before the data directory is created or anything loaded.
  const doors =
    options.doors ??
    (await openFrontDoors(
      { aws: options.awsPort ?? defaultPorts.aws, azure: options.azurePort ?? defaultPorts.azure },
      log,
    ));
  const closeDoors = () => Promise.all([doors.aws.close(), doors.azure.close()]);
  let lock: DataDirLock | undefined;
  let issuer: LocalIssuer | undefined;
  try {
    // The issuer's port too, before the data directory: a taken one leaves nothing created (local/README).
    // And before the clouds: their api functions read the AUTH_* settings this sets.
    issuer = await startSignIn(options.auth ?? 'oidc', options.issuerPort ?? 0);
    lock = await claimDataDir(dataDir, inMemory);
  } catch (error) {
    await closeDoors();
    await issuer?.close();
    throw error;
  }
  const [aws, azure] = await Promise.allSettled([
    startAws({ door: doors.aws, dataDir: storeDir, log, retry }),
    startAzure({ door: doors.azure, dataDir: storeDir, log, retry }),
  ]);
  if (aws.status === 'rejected' || azure.status === 'rejected') {
    for (const started of [aws, azure]) if (started.status === 'fulfilled') await started.value.closeEmulators();
    await closeDoors();
    await issuer?.close();
    lock?.release();
    throw aws.status === 'rejected' ? aws.reason : (azure as PromiseRejectedResult).reason;
  }
  const clouds = [aws.value, azure.value];
  const urls = { awsUrl: aws.value.url, azureUrl: azure.value.url, ...(issuer && { issuer: issuer.issuer }) };
  const urlsFile = lock ? urlsFileIn(dataDir) : undefined;
  if (urlsFile) writeUrlsFile(urlsFile, urls);
  // Both stores are loaded: the doors stop answering 503 and recovered deliveries resume.
  for (const cloud of clouds) cloud.open();

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
    issuer,
    urlsFile,
    deadLetters: { aws: aws.value.deadLetters, azure: azure.value.deadLetters },
    pending: () => clouds.reduce((n, cloud) => n + cloud.pending(), 0),
    drain: () => drainAll(clouds),
    faults,
    stop() {
      stopping ??= (async () => {
        if (urlsFile) removeUrlsFile(urlsFile, urls);
        await Promise.all(clouds.map((cloud) => cloud.closeFrontDoor()));
        await drainAll(clouds);
        await Promise.all(clouds.map((cloud) => cloud.closeEmulators()));
        await issuer?.close();
        lock?.release();
      })();
      return stopping;
    },
  };
}
