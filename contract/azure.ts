// The Azure deployment's names: what azure/ creates and handlers/azure, local mode and tests read.

/** The functions handlers/azure/index.ts registers, by the names the Functions host knows them. */
export const AZURE_FUNCTIONS = ['api', 'publisher', 'subscriber'] as const;
export type AzureFunctionName = (typeof AZURE_FUNCTIONS)[number];

/**
 * The Cosmos DB trigger's identity-based connection name: the host reads `<name>__accountEndpoint`
 * (learn.microsoft.com, "Azure Cosmos DB trigger ... connections", identity-based connections).
 */
export const COSMOS_CONNECTION = 'COSMOS';

/** App settings the stack sets and the handlers (and the trigger's %expressions%) read. */
export const AZURE_SETTINGS = {
  cosmosEndpoint: 'COSMOS_ENDPOINT',
  cosmosConnectionEndpoint: `${COSMOS_CONNECTION}__accountEndpoint`,
  database: 'COSMOS_DATABASE',
  notesContainer: 'COSMOS_NOTES_CONTAINER',
  activityContainer: 'COSMOS_ACTIVITY_CONTAINER',
  leasesContainer: 'COSMOS_LEASES_CONTAINER',
  topicEndpoint: 'EVENTGRID_TOPIC_ENDPOINT',
  /** Local mode only: the emulators' key and CA. Never set in the cloud (identity only). */
  cosmosKey: 'COSMOS_KEY',
  cosmosCaFile: 'COSMOS_CA_CERT_FILE',
  topicKey: 'EVENTGRID_KEY',
} as const;
export type AzureSettingName = (typeof AZURE_SETTINGS)[keyof typeof AZURE_SETTINGS];

/** `%NAME%`: an app setting as a trigger binding expression, resolved by the host at start-up. */
export const settingExpression = (name: AzureSettingName): string => `%${name}%`;

export const COSMOS_DATABASE = 'notesdb';

/** How long a soft-deleted note's marker lives (its own `ttl`), so the change feed sees the delete. */
export const DELETED_NOTE_TTL_SECONDS = 24 * 60 * 60;

export interface ContainerContract {
  id: string;
  partitionKeyPath: string;
  /** Cosmos DB `defaultTtl`: -1 turns TTL on with no default (items expire only by their own `ttl`). */
  defaultTtl?: number;
}

/**
 * The containers, their partition keys and TTL (docs/ARCHITECTURE.md "Storage"). Notes and activity are
 * partitioned by owner. A container's partition key cannot change, so these are new ids: an upgraded
 * stack replaces the old `notes` / `activity` containers (docs/ARCHITECTURE.md "Storage", upgrading).
 * Owners can be longer than 100 bytes: the stack creates every container with large partition keys
 * (partition key version 2, azure/documents.ts).
 */
export const COSMOS_CONTAINERS = {
  notes: { id: 'notes-by-owner', partitionKeyPath: '/owner', defaultTtl: -1 },
  activity: { id: 'activity-by-owner', partitionKeyPath: '/owner' },
  leases: { id: 'leases', partitionKeyPath: '/id' },
} as const satisfies Record<string, ContainerContract>;
export type ContainerKey = keyof typeof COSMOS_CONTAINERS;
