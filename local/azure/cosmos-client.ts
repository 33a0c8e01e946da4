import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { CosmosClient } from '@azure/cosmos';

/** The well-known Cosmos DB emulator key; the local server accepts any key, the SDK needs one to sign. */
export const emulatorKey = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** A client for local mode's own bookkeeping, trusting the emulator's certificate and nothing more. */
export function emulatorCosmosClient(endpoint: string, caCertFile: string): CosmosClient {
  return new CosmosClient({
    endpoint,
    key: emulatorKey,
    agent: new Agent({ ca: readFileSync(caCertFile), keepAlive: true }),
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}
