// The Function App's own storage account: host state (AzureWebJobsStorage), the Flex deployment
// container and Event Grid's dead-letter container. Reached by identity only: shared keys are off.
import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage';
import { storageAccountLogicalName } from './names';

export const deploymentContainerName = 'app-package';
export const deadLetterContainerName = 'deadletter';

export interface HostStorageArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
}

export interface HostStorage {
  account: storage.StorageAccount;
  deploymentContainer: storage.BlobContainer;
  deadLetterContainer: storage.BlobContainer;
  /** `https://<account>.blob.core.windows.net/<container>`, as functionAppConfig.deployment wants it. */
  deploymentContainerUrl: pulumi.Output<string>;
  /** ARM id of the dead-letter container: the scope of Event Grid's role assignment. */
  deadLetterContainerId: pulumi.Output<string>;
}

export function createHostStorage(name: string, args: HostStorageArgs, parent: pulumi.Resource): HostStorage {
  const account = new storage.StorageAccount(
    storageAccountLogicalName(name),
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      kind: 'StorageV2',
      sku: { name: 'Standard_LRS' },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      // Flex reaches host and deployment storage with its managed identity, as Microsoft's
      // Flex quickstart does (Azure-Samples/functions-quickstart-typescript-azd, infra/main.bicep).
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
    },
    { parent },
  );

  const container = (logical: string, containerName: string) =>
    new storage.BlobContainer(
      `${name}-${logical}`,
      { resourceGroupName: args.resourceGroupName, accountName: account.name, containerName, publicAccess: 'None' },
      { parent },
    );
  const deploymentContainer = container('deployments', deploymentContainerName);
  const deadLetterContainer = container('deadletter', deadLetterContainerName);

  return {
    account,
    deploymentContainer,
    deadLetterContainer,
    deploymentContainerUrl: pulumi.interpolate`${account.primaryEndpoints.blob}${deploymentContainer.name}`,
    deadLetterContainerId: deadLetterContainer.id,
  };
}
