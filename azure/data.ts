// Cosmos DB for NoSQL: serverless, Session consistency, continuous backup, Entra ID only.
// Containers follow docs/ARCHITECTURE.md "Storage".
import * as pulumi from '@pulumi/pulumi';
import * as cosmosdb from '@pulumi/azure-native/cosmosdb';

export const databaseName = 'notesdb';
export const containerNames = { notes: 'notes', activity: 'activity', leases: 'leases' } as const;

export interface DataArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Protects the account, database and containers from `pulumi destroy` and replacements. */
  protectData: boolean;
}

export interface Data {
  account: cosmosdb.DatabaseAccount;
  database: cosmosdb.SqlResourceSqlDatabase;
  containers: Record<keyof typeof containerNames, cosmosdb.SqlResourceSqlContainer>;
  endpoint: pulumi.Output<string>;
}

export function createData(name: string, args: DataArgs, parent: pulumi.Resource): Data {
  const protect = args.protectData;
  const account = new cosmosdb.DatabaseAccount(
    `${name}-cosmos`,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      kind: 'GlobalDocumentDB',
      databaseAccountOfferType: 'Standard',
      locations: [{ locationName: args.location, failoverPriority: 0, isZoneRedundant: false }],
      capabilities: [{ name: 'EnableServerless' }],
      consistencyPolicy: { defaultConsistencyLevel: 'Session' },
      backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } },
      // Entra ID only: no account keys for data, and no key-based changes to databases or containers.
      disableLocalAuth: true,
      disableKeyBasedMetadataWriteAccess: true,
      minimalTlsVersion: 'Tls12',
    },
    { parent, protect },
  );

  // Serverless accounts take no throughput options.
  const database = new cosmosdb.SqlResourceSqlDatabase(
    `${name}-db`,
    { resourceGroupName: args.resourceGroupName, accountName: account.name, databaseName, resource: { id: databaseName } },
    { parent, protect },
  );

  const container = (key: keyof typeof containerNames, partitionKeyPath: string, defaultTtl?: number) =>
    new cosmosdb.SqlResourceSqlContainer(
      `${name}-${key}`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        databaseName: database.name,
        containerName: containerNames[key],
        resource: {
          id: containerNames[key],
          partitionKey: { paths: [partitionKeyPath], kind: 'Hash', version: 2 },
          ...(defaultTtl === undefined ? {} : { defaultTtl }),
        },
      },
      { parent, protect },
    );

  return {
    account,
    database,
    containers: {
      // defaultTtl -1: TTL is on, items live forever unless they carry their own `ttl` (the soft-delete marker).
      notes: container('notes', '/id', -1),
      activity: container('activity', '/noteId'),
      leases: container('leases', '/id'),
    },
    endpoint: account.documentEndpoint,
  };
}
