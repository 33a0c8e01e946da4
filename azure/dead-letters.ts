// Failed deliveries: Event Grid dead-letters into a blob container of the app's storage account
// (compute.ts), writing with the topic's own identity (identity.ts); alerts.ts pages on each one.
import type * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage';

export const deadLetterContainerName = 'deadletter';

export interface DeadLetterContainerArgs {
  resourceGroupName: pulumi.Input<string>;
  accountName: pulumi.Input<string>;
}

export interface DeadLetters {
  container: storage.BlobContainer;
  /** ARM id of the container: the scope of Event Grid's role assignment. */
  containerId: pulumi.Output<string>;
}

export function createDeadLetterContainer(
  name: string,
  args: DeadLetterContainerArgs,
  parent: pulumi.Resource,
): DeadLetters {
  const container = new storage.BlobContainer(
    `${name}-deadletter`,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: args.accountName,
      containerName: deadLetterContainerName,
      publicAccess: 'None',
    },
    { parent },
  );
  return { container, containerId: container.id };
}
