// @vercel/cosmosdb-server on a free loopback port over HTTPS, with a certificate trusted only by the
// clients we build for it. Tests create their own database and containers.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { AZURE_SETTINGS } from '../../contract/azure';
import { cosmosClientOptions } from '../../handlers/azure/clients';
import type { Settings } from '../../handlers/core/settings';
import { createLoopbackCertificate, type TestCertificate } from './tls';

/** The Cosmos DB emulator's published well-known key (not a secret: it is in Microsoft's docs). */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface CosmosEmulator {
  /** Local-mode app settings pointing at this emulator. */
  settings: Settings;
  client: CosmosClient;
  stop(): Promise<void>;
}

export async function startCosmosEmulator(): Promise<CosmosEmulator> {
  const tls: TestCertificate = createLoopbackCertificate();
  const server: Server = createHttpsServer({ cert: tls.cert, key: tls.key });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const settings: Settings = {
    [AZURE_SETTINGS.cosmosEndpoint]: `https://127.0.0.1:${port}`,
    [AZURE_SETTINGS.cosmosKey]: EMULATOR_KEY,
    [AZURE_SETTINGS.cosmosCaFile]: tls.certFile,
  };
  const client = new CosmosClient(cosmosClientOptions(settings));
  return {
    settings,
    client,
    stop: async () => {
      client.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      tls.dispose();
    },
  };
}
