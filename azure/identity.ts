// Role assignments: the app's identity gets exactly the data-plane roles it uses, Event Grid's
// identity may write dead letters. Built-in role GUIDs: learn.microsoft.com "Azure built-in roles".
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as cosmosdb from '@pulumi/azure-native/cosmosdb';
import { stableUuid } from './names';

export const builtInRoles = {
  /** Host storage and the Flex deployment container (Microsoft's Flex templates use this role). */
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  /** Event Grid's identity writing dead letters. */
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  /** Publishing to the topic. */
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7',
  /** Entra-authenticated telemetry to Application Insights (disableLocalAuth). */
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
} as const;

/** Cosmos DB Built-in Data Contributor: a data-plane (SQL) role, not an ARM role. */
export const cosmosDataContributorRole = '00000000-0000-0000-0000-000000000002';

export function roleDefinitionId(subscriptionId: pulumi.Input<string>, roleGuid: string): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

export interface IdentityArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  appPrincipalId: pulumi.Input<string>;
  topicPrincipalId: pulumi.Input<string>;
  storageAccountId: pulumi.Input<string>;
  deadLetterContainerId: pulumi.Input<string>;
  appInsightsId: pulumi.Input<string>;
  topicId: pulumi.Input<string>;
  cosmosAccountId: pulumi.Input<string>;
  cosmosAccountName: pulumi.Input<string>;
}

export interface Identity {
  /** What the app needs before its code can start and be deployed. */
  appRoles: pulumi.Resource[];
  /** What Event Grid needs before dead-lettering can work. */
  deadLetterRole: authorization.RoleAssignment;
}

export function createIdentity(name: string, args: IdentityArgs, parent: pulumi.Resource): Identity {
  const assign = (logical: string, principalId: pulumi.Input<string>, roleGuid: string, scope: pulumi.Input<string>) =>
    new authorization.RoleAssignment(
      `${name}-${logical}`,
      {
        principalId,
        principalType: 'ServicePrincipal',
        roleDefinitionId: roleDefinitionId(args.subscriptionId, roleGuid),
        scope,
      },
      { parent },
    );

  const storageRole = assign(
    'app-storage',
    args.appPrincipalId,
    builtInRoles.storageBlobDataOwner,
    args.storageAccountId,
  );
  const telemetryRole = assign(
    'app-telemetry',
    args.appPrincipalId,
    builtInRoles.monitoringMetricsPublisher,
    args.appInsightsId,
  );
  const senderRole = assign('app-eventgrid', args.appPrincipalId, builtInRoles.eventGridDataSender, args.topicId);
  const cosmosRole = new cosmosdb.SqlResourceSqlRoleAssignment(
    `${name}-app-cosmos`,
    {
      resourceGroupName: args.resourceGroupName,
      accountName: args.cosmosAccountName,
      // Derived from the principal too: a replaced Function App has a new identity, and Pulumi creates
      // the replacement assignment before deleting the old one, which under the same id would collide.
      roleAssignmentId: pulumi
        .output(args.appPrincipalId)
        .apply((principal) => stableUuid(`${name}:app-cosmos-data-contributor:${principal}`)),
      roleDefinitionId: pulumi.interpolate`${args.cosmosAccountId}/sqlRoleDefinitions/${cosmosDataContributorRole}`,
      scope: args.cosmosAccountId,
      principalId: args.appPrincipalId,
    },
    { parent },
  );
  const deadLetterRole = assign(
    'eventgrid-deadletter',
    args.topicPrincipalId,
    builtInRoles.storageBlobDataContributor,
    args.deadLetterContainerId,
  );

  return { appRoles: [storageRole, telemetryRole, senderRole, cosmosRole], deadLetterRole };
}
