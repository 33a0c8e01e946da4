// The change stream: the publisher function's Cosmos DB trigger reads the notes container's change
// feed, keeping its place in the leases container (created with the others in documents.ts). The
// trigger is declared in handlers/azure; the stack gives it these settings, named by contract/azure.ts.
import type * as pulumi from '@pulumi/pulumi';
import { AZURE_SETTINGS, COSMOS_CONTAINERS } from '../contract/azure';

export interface ChangeFeedArgs {
  cosmosEndpoint: pulumi.Input<string>;
}

/** The trigger's identity-based connection (`<COSMOS_CONNECTION>__accountEndpoint`) and its lease container. */
export function changeFeedSettings(args: ChangeFeedArgs): Record<string, pulumi.Input<string>> {
  return {
    [AZURE_SETTINGS.cosmosConnectionEndpoint]: args.cosmosEndpoint,
    [AZURE_SETTINGS.leasesContainer]: COSMOS_CONTAINERS.leases.id,
  };
}
