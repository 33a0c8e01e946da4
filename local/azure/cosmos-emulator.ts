import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { CosmosClient } from '@azure/cosmos';
import type { ContainerContract } from '../../contract/azure';
import { memoryJournal, openJournal, readJournal, replaceFileDurably, type Journal } from '../journal';
import { close, listen } from '../listen';
import { emulatorPort, rememberEmulatorPort } from '../process-endpoints';
import { emulatorCosmosClient } from './cosmos-client';
import { captureDocumentWrites, type DocumentWrite } from './cosmos-write-capture';
import { TcpGate } from './tcp-gate';
import {
  applyWal,
  readSnapshot,
  restoreSnapshot,
  writeSnapshot,
  type Snapshot,
  type WalEntry,
} from './cosmos-snapshot';

export const caCertFile = join(__dirname, 'tls', 'emulator-cert.pem');
const keyFile = join(__dirname, 'tls', 'emulator-key.pem');

export interface CosmosEmulatorOptions {
  database: string;
  /** The stack's containers (contract/azure.ts COSMOS_CONTAINERS), partition keys and TTL included. */
  containers: readonly ContainerContract[];
  /** Directory of the snapshot and write-ahead log in on-disk mode; undefined keeps everything in memory. */
  storeDir: string | undefined;
  /** Committed writes after start-up (restored documents are not reported); answered once it settles. */
  onWrite: (write: DocumentWrite) => void | Promise<void>;
}

export interface CosmosEmulator {
  /** What the app's client uses: the emulator behind a gate that fault injection can shut. */
  endpoint: string;
  caCertFile: string;
  /** Closes the server and the write-ahead log (the next start compacts it into the snapshot). */
  stop(): Promise<void>;
  /** Fault injection: the server stops listening (data kept in memory) and comes back on its port. */
  outage: { stop(): Promise<void>; start(): Promise<void> };
}

/** The snapshot and log files of a store directory. */
export function cosmosStoreFiles(storeDir: string): { snapshot: string; wal: string } {
  return { snapshot: join(storeDir, 'snapshot.json'), wal: join(storeDir, 'wal.jsonl') };
}

/** Replays the log onto the snapshot, makes that the new snapshot and starts the log over. */
function compact(storeDir: string, partitionKeys: Record<string, string>): Snapshot {
  const files = cosmosStoreFiles(storeDir);
  const snapshot = applyWal(readSnapshot(files.snapshot), readJournal<WalEntry>(files.wal), partitionKeys);
  writeSnapshot(files.snapshot, snapshot);
  // Only after the snapshot holds the log's writes (replaying the log twice would do no harm either).
  replaceFileDurably(files.wal, '');
  return snapshot;
}

/** What the log keeps of a write; a delete inside a batch names no document and cannot be logged. */
function walEntries(write: DocumentWrite): WalEntry[] {
  const entries: WalEntry[] = write.documents.map((doc) => ({ c: write.container, doc }));
  if (write.removed) {
    const pk = write.removed.partitionKey === undefined ? [] : (JSON.parse(write.removed.partitionKey) as unknown[]);
    entries.push({ c: write.container, del: write.removed.id, pk: pk[0] ?? null });
  } else if (write.deleted) {
    throw new Error('deletes inside a batch are not supported by the local write-ahead log');
  }
  return entries;
}

export async function startCosmosEmulator(options: CosmosEmulatorOptions): Promise<CosmosEmulator> {
  const { storeDir } = options;
  const partitionKeys = Object.fromEntries(options.containers.map((c) => [c.id, c.partitionKeyPath]));
  const stored = storeDir ? compact(storeDir, partitionKeys) : {};
  const wal: Journal<WalEntry> = storeDir ? openJournal(cosmosStoreFiles(storeDir).wal) : memoryJournal();
  // keepAlive: the emulator otherwise answers every request with `connection: close`, so each Cosmos
  // call would pay a new TCP connection and TLS handshake (most of its cost under load).
  const server: Server = createHttpsServer({
    cert: readFileSync(caCertFile),
    key: readFileSync(keyFile),
    keepAlive: true,
  });
  let live = false;

  captureDocumentWrites(server, async (write) => {
    if (!live || write.database !== options.database) return;
    await Promise.all([wal.append(walEntries(write)), options.onWrite(write)]);
  });

  const serverPort = await listen(server, 0);
  const gate = new TcpGate({ host: '127.0.0.1', port: serverPort });
  // Local mode's own set-up and loading go straight to the emulator, past the gate.
  const client: CosmosClient = emulatorCosmosClient(`https://127.0.0.1:${serverPort}/`, caCertFile);
  const stop = async () => {
    live = false;
    client.dispose();
    await gate.shut();
    server.closeAllConnections();
    await close(server);
    await wal.close();
  };
  let port: number;
  try {
    port = rememberEmulatorPort(
      'cosmos',
      await gate.open(emulatorPort('cosmos'), 'the emulated Cosmos DB keeps its port for the life of the process'),
    );
    const { database } = await client.databases.createIfNotExists({ id: options.database });
    for (const container of options.containers) {
      const { id, partitionKeyPath, defaultTtl } = container;
      await database.containers.createIfNotExists({
        id,
        partitionKey: { paths: [partitionKeyPath] },
        ...(defaultTtl !== undefined && { defaultTtl }),
      });
    }
    await restoreSnapshot(database, stored, partitionKeys);
  } catch (error) {
    await stop();
    throw error;
  }
  live = true;

  return {
    endpoint: `https://127.0.0.1:${port}/`,
    caCertFile,
    outage: {
      stop: () => gate.shut(),
      start: async () => void (await gate.open(port, 'the port was taken while the emulator was down')),
    },
    stop,
  };
}
