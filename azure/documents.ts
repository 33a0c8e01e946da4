// Cosmos DB for NoSQL: serverless, Session consistency, continuous backup, Entra ID only.
// The database and containers (ids, partition keys, TTL) are contract/azure.ts's.
import type * as pulumi from '@pulumi/pulumi';
import * as cosmosdb from '@pulumi/azure-native/cosmosdb';
import { COSMOS_CONTAINERS, COSMOS_DATABASE, type ContainerContract, type ContainerKey } from '../contract/azure';

export interface DocumentsArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Protects the account, database and containers from `pulumi destroy` and replacements. */
  protectData: boolean;
}

export interface Documents {
  account: cosmosdb.DatabaseAccount;
  database: cosmosdb.SqlResourceSqlDatabase;
  containers: Record<ContainerKey, cosmosdb.SqlResourceSqlContainer>;
  endpoint: pulumi.Output<string>;
}

export function createDocuments(name: string, args: DocumentsArgs, parent: pulumi.Resource): Documents {
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
    {
      resourceGroupName: args.resourceGroupName,
      accountName: account.name,
      databaseName: COSMOS_DATABASE,
      resource: { id: COSMOS_DATABASE },
    },
    { parent, protect },
  );

  const container = (key: ContainerKey) => {
    const contract: ContainerContract = COSMOS_CONTAINERS[key];
    return new cosmosdb.SqlResourceSqlContainer(
      `${name}-${key}`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        databaseName: database.name,
        containerName: contract.id,
        resource: {
          id: contract.id,
          partitionKey: { paths: [contract.partitionKeyPath], kind: 'Hash', version: 2 },
          ...(contract.defaultTtl === undefined ? {} : { defaultTtl: contract.defaultTtl }),
        },
      },
      { parent, protect },
    );
  };

  return {
    account,
    database,
    containers: {
      // notes' defaultTtl -1: TTL is on, items live forever unless they carry their own `ttl` (the soft-delete marker).
      notes: container('notes'),
      activity: container('activity'),
      leases: container('leases'),
    },
    endpoint: account.documentEndpoint,
  };
}
