// Event Grid: a CloudEvents 1.0 topic (Entra ID only) and its subscription to the subscriber function,
// with retries and identity-based dead-lettering into the storage account.
import * as pulumi from '@pulumi/pulumi';
import * as eventgrid from '@pulumi/azure-native/eventgrid';
import type { AzureFunctionName } from '../contract/azure';
import { NOTE_EVENT_TYPES } from '../contract/events';

/** The function the subscription delivers to. */
export const SUBSCRIBER_FUNCTION: AzureFunctionName = 'subscriber';
export const retryPolicy = { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 };

export interface TopicArgs {
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
}

export function createTopic(name: string, args: TopicArgs, parent: pulumi.Resource): eventgrid.Topic {
  return new eventgrid.Topic(
    `${name}-events`,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      inputSchema: 'CloudEventSchemaV1_0',
      disableLocalAuth: true, // publishers use Entra ID (EventGrid Data Sender), never access keys
      minimumTlsVersionAllowed: '1.2',
      identity: { type: 'SystemAssigned' }, // used for dead-lettering
    },
    { parent },
  );
}

export interface SubscriptionArgs {
  resourceGroupName: pulumi.Input<string>;
  topicName: pulumi.Input<string>;
  appId: pulumi.Input<string>;
  storageAccountId: pulumi.Input<string>;
  deadLetterContainerName: pulumi.Input<string>;
  /**
   * Event Grid refuses an AzureFunction destination that is not indexed yet ("Destination endpoint
   * not found": pulumi/examples#1672, Azure/bicep#11656). The code deployment waits until the
   * subscriber function is listed (as pulumi/pulumi-azure#354 waited for the endpoint), and the
   * subscription depends on it; the dead-letter role must exist before anything is dead-lettered.
   */
  dependsOn: pulumi.Resource[];
}

export function createSubscription(
  name: string,
  args: SubscriptionArgs,
  parent: pulumi.Resource,
): eventgrid.TopicEventSubscription {
  return new eventgrid.TopicEventSubscription(
    `${name}-subscriber`,
    {
      resourceGroupName: args.resourceGroupName,
      topicName: args.topicName,
      eventDeliverySchema: 'CloudEventSchemaV1_0',
      destination: {
        endpointType: 'AzureFunction',
        resourceId: pulumi.interpolate`${args.appId}/functions/${SUBSCRIBER_FUNCTION}`,
        maxEventsPerBatch: 1,
      },
      filter: { includedEventTypes: [...NOTE_EVENT_TYPES] },
      retryPolicy,
      deadLetterWithResourceIdentity: {
        identity: { type: 'SystemAssigned' },
        deadLetterDestination: {
          endpointType: 'StorageBlob',
          resourceId: args.storageAccountId,
          blobContainerName: args.deadLetterContainerName,
        },
      },
    },
    { parent, dependsOn: args.dependsOn },
  );
}
