import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { CosmosClient, Database } from '@azure/cosmos';
import { close, listen } from '../listen';
import { emulatorPort, rememberEmulatorPort } from '../process-endpoints';
import { emulatorCosmosClient } from './cosmos-client';
import { captureDocumentWrites, type DocumentWrite } from './cosmos-write-capture';
import { TcpGate } from './tcp-gate';
import { readSnapshot, restoreSnapshot, takeSnapshot, writeSnapshot } from './cosmos-snapshot';

export const caCertFile = join(__dirname, 'tls', 'emulator-cert.pem');
const keyFile = join(__dirname, 'tls', 'emulator-key.pem');

export interface ContainerSpec {
  id: string;
  partitionKey: string;
}

export interface CosmosEmulatorOptions {
  database: string;
  containers: ContainerSpec[];
  /** Snapshot file for on-disk mode; undefined keeps everything in memory. */
  snapshotFile: string | undefined;
  /** Committed writes after start-up (restored documents are not reported). */
  onWrite: (write: DocumentWrite) => void;
  onError: (error: unknown) => void;
}

export interface CosmosEmulator {
  /** What the app's client uses: the emulator behind a gate that fault injection can shut. */
  endpoint: string;
  caCertFile: string;
  /** Writes the final snapshot (on-disk mode) and closes the server. */
  stop(): Promise<void>;
  /** Fault injection: the server stops listening (data kept in memory) and comes back on its port. */
  outage: { stop(): Promise<void>; start(): Promise<void> };
}

const snapshotDelayMs = 200;

export async function startCosmosEmulator(options: CosmosEmulatorOptions): Promise<CosmosEmulator> {
  // keepAlive: the emulator otherwise answers every request with `connection: close`, so each Cosmos
  // call would pay a new TCP connection and TLS handshake (most of its cost under load).
  const server: Server = createHttpsServer({ cert: readFileSync(caCertFile), key: readFileSync(keyFile), keepAlive: true });
  let live = false;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  let client: CosmosClient | undefined;
  let database: Database | undefined;

  const save = () => {
    const { snapshotFile } = options;
    if (!snapshotFile || !database) return saving;
    const db = database;
    saving = saving.then(async () => {
      if (!dirty) return;
      dirty = false;
      writeSnapshot(snapshotFile, await takeSnapshot(db, options.containers.map((c) => c.id)));
    }).catch(options.onError);
    return saving;
  };

  captureDocumentWrites(server, (write) => {
    if (!live || write.database !== options.database) return;
    dirty = true;
    if (options.snapshotFile && !timer) {
      timer = setTimeout(() => {
        timer = undefined;
        void save();
      }, snapshotDelayMs);
    }
    options.onWrite(write);
  });

  const serverPort = await listen(server, 0);
  const gate = new TcpGate({ host: '127.0.0.1', port: serverPort });
  const port = rememberEmulatorPort('cosmos', await gate.open(emulatorPort('cosmos'), 'the emulated Cosmos DB keeps its port for the life of the process'));
  const endpoint = `https://127.0.0.1:${port}/`;
  // Local mode's own bookkeeping (set-up, snapshots) goes straight to the emulator, past the gate.
  client = emulatorCosmosClient(`https://127.0.0.1:${serverPort}/`, caCertFile);
  const created = await client.databases.createIfNotExists({ id: options.database });
  database = created.database;
  for (const container of options.containers) {
    await database.containers.createIfNotExists({ id: container.id, partitionKey: { paths: [container.partitionKey] } });
  }
  if (options.snapshotFile) await restoreSnapshot(database, readSnapshot(options.snapshotFile));
  live = true;

  return {
    endpoint,
    caCertFile,
    outage: { stop: () => gate.shut(), start: async () => void (await gate.open(port, 'the port was taken while the emulator was down')) },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await save();
      live = false;
      client?.dispose();
      await gate.shut();
      server.closeAllConnections();
      await close(server);
    },
  };
}
