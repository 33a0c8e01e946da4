// What the identity that runs `pulumi up` needs, per resource type the program creates: the one
// place these are written. deploy/permissions/*.json are generated from it
// (`npx tsx program/write-deployer-permissions.ts`), and test/program/deployer-permissions.test.ts
// fails when the program creates a type listed here without permissions, or the files are stale.

/** AWS IAM actions per Pulumi type token (create, read, update, delete and tags of that resource). */
export const awsActionsByType: Record<string, string[]> = {
  // API Gateway v2 is authorised by HTTP verb on its resource paths (/apis/...).
  'aws:apigatewayv2/api:Api': [
    'apigateway:GET',
    'apigateway:POST',
    'apigateway:PATCH',
    'apigateway:DELETE',
    'apigateway:PUT',
  ],
  'aws:apigatewayv2/integration:Integration': [
    'apigateway:GET',
    'apigateway:POST',
    'apigateway:PATCH',
    'apigateway:DELETE',
  ],
  'aws:apigatewayv2/route:Route': ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
  // Access logging to CloudWatch Logs is set up by the caller's own log-delivery permissions
  // (API Gateway developer guide, "Configure logging for HTTP APIs": logs:CreateLogDelivery,
  // PutResourcePolicy, DescribeResourcePolicies, GetLogDelivery, UpdateLogDelivery,
  // DeleteLogDelivery, ListLogDeliveries, DescribeLogGroups).
  'aws:apigatewayv2/stage:Stage': [
    'apigateway:GET',
    'apigateway:POST',
    'apigateway:PATCH',
    'apigateway:DELETE',
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
    'logs:DescribeLogGroups',
  ],
  'aws:cloudwatch/eventBus:EventBus': [
    'events:CreateEventBus',
    'events:DescribeEventBus',
    'events:UpdateEventBus',
    'events:DeleteEventBus',
    'events:ListTagsForResource',
    'events:TagResource',
    'events:UntagResource',
  ],
  'aws:cloudwatch/eventRule:EventRule': [
    'events:PutRule',
    'events:DescribeRule',
    'events:EnableRule',
    'events:DisableRule',
    'events:DeleteRule',
    'events:ListTagsForResource',
    'events:TagResource',
    'events:UntagResource',
  ],
  'aws:cloudwatch/dashboard:Dashboard': [
    'cloudwatch:PutDashboard',
    'cloudwatch:GetDashboard',
    'cloudwatch:DeleteDashboards',
  ],
  'aws:cloudwatch/metricAlarm:MetricAlarm': [
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:DeleteAlarms',
    'cloudwatch:ListTagsForResource',
    'cloudwatch:TagResource',
    'cloudwatch:UntagResource',
  ],
  'aws:cloudwatch/eventTarget:EventTarget': ['events:PutTargets', 'events:ListTargetsByRule', 'events:RemoveTargets'],
  'aws:cloudwatch/logGroup:LogGroup': [
    'logs:CreateLogGroup',
    'logs:DescribeLogGroups',
    'logs:PutRetentionPolicy',
    'logs:DeleteRetentionPolicy',
    'logs:DeleteLogGroup',
    'logs:ListTagsForResource',
    'logs:TagResource',
    'logs:UntagResource',
  ],
  'aws:dynamodb/table:Table': [
    'dynamodb:CreateTable',
    'dynamodb:DescribeTable',
    'dynamodb:UpdateTable',
    'dynamodb:DeleteTable',
    'dynamodb:DescribeContinuousBackups',
    'dynamodb:UpdateContinuousBackups',
    'dynamodb:DescribeTimeToLive',
    'dynamodb:UpdateTimeToLive',
    'dynamodb:ListTagsOfResource',
    'dynamodb:TagResource',
    'dynamodb:UntagResource',
  ],
  'aws:iam/role:Role': [
    'iam:CreateRole',
    'iam:GetRole',
    'iam:UpdateRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRole',
    'iam:ListRolePolicies',
    'iam:ListAttachedRolePolicies',
    'iam:ListInstanceProfilesForRole',
    'iam:TagRole',
    'iam:UntagRole',
  ],
  'aws:iam/rolePolicy:RolePolicy': ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  'aws:lambda/eventSourceMapping:EventSourceMapping': [
    'lambda:CreateEventSourceMapping',
    'lambda:GetEventSourceMapping',
    'lambda:UpdateEventSourceMapping',
    'lambda:DeleteEventSourceMapping',
    'lambda:ListEventSourceMappings',
  ],
  // Creating a function hands it its role: iam:PassRole (Lambda developer guide, "execution role").
  'aws:lambda/function:Function': [
    'lambda:CreateFunction',
    'lambda:GetFunction',
    'lambda:GetFunctionConfiguration',
    'lambda:GetFunctionCodeSigningConfig',
    'lambda:ListVersionsByFunction',
    'lambda:UpdateFunctionCode',
    'lambda:UpdateFunctionConfiguration',
    'lambda:DeleteFunction',
    'lambda:ListTags',
    'lambda:TagResource',
    'lambda:UntagResource',
    'iam:PassRole',
  ],
  'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig': [
    'lambda:PutFunctionEventInvokeConfig',
    'lambda:GetFunctionEventInvokeConfig',
    'lambda:UpdateFunctionEventInvokeConfig',
    'lambda:DeleteFunctionEventInvokeConfig',
  ],
  'aws:lambda/permission:Permission': ['lambda:AddPermission', 'lambda:GetPolicy', 'lambda:RemovePermission'],
  'aws:sns/topic:Topic': [
    'sns:CreateTopic',
    'sns:GetTopicAttributes',
    'sns:SetTopicAttributes',
    'sns:DeleteTopic',
    'sns:ListTagsForResource',
    'sns:TagResource',
    'sns:UntagResource',
  ],
  'aws:sns/topicSubscription:TopicSubscription': [
    'sns:Subscribe',
    'sns:Unsubscribe',
    'sns:GetSubscriptionAttributes',
    'sns:SetSubscriptionAttributes',
  ],
  'aws:sqs/queue:Queue': [
    'sqs:CreateQueue',
    'sqs:GetQueueUrl',
    'sqs:GetQueueAttributes',
    'sqs:SetQueueAttributes',
    'sqs:DeleteQueue',
    'sqs:ListQueueTags',
    'sqs:TagQueue',
    'sqs:UntagQueue',
  ],
  'aws:sqs/queuePolicy:QueuePolicy': ['sqs:GetQueueAttributes', 'sqs:SetQueueAttributes'],
  // The provider checks its credentials when it starts; getRegion reads its own configuration.
  'pulumi:providers:aws': ['sts:GetCallerIdentity'],
  'aws:index/getRegion:getRegion': [],
};

/**
 * Azure control-plane actions per Pulumi type token. Reads are granted per namespace (`<ns>/*\/read`,
 * which also covers ARM's long-running-operation status reads); writes and deletes per type.
 */
export const azureActionsByType: Record<string, string[]> = {
  'azure-native:resources:ResourceGroup': [
    'Microsoft.Resources/subscriptions/resourceGroups/write',
    'Microsoft.Resources/subscriptions/resourceGroups/delete',
  ],
  'azure-native:storage:StorageAccount': [
    'Microsoft.Storage/storageAccounts/write',
    'Microsoft.Storage/storageAccounts/delete',
  ],
  'azure-native:storage:BlobContainer': [
    'Microsoft.Storage/storageAccounts/blobServices/containers/write',
    'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
  ],
  'azure-native:operationalinsights:Workspace': [
    'Microsoft.OperationalInsights/workspaces/write',
    'Microsoft.OperationalInsights/workspaces/delete',
  ],
  'azure-native:applicationinsights:Component': [
    'Microsoft.Insights/components/write',
    'Microsoft.Insights/components/delete',
  ],
  'azure-native:monitor:ActionGroup': [
    'Microsoft.Insights/actionGroups/write',
    'Microsoft.Insights/actionGroups/delete',
  ],
  'azure-native:monitor:MetricAlert': [
    'Microsoft.Insights/metricAlerts/write',
    'Microsoft.Insights/metricAlerts/delete',
  ],
  'azure-native:portal:Dashboard': ['Microsoft.Portal/dashboards/write', 'Microsoft.Portal/dashboards/delete'],
  'azure-native:cosmosdb:DatabaseAccount': [
    'Microsoft.DocumentDB/databaseAccounts/write',
    'Microsoft.DocumentDB/databaseAccounts/delete',
  ],
  'azure-native:cosmosdb:SqlResourceSqlDatabase': [
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/write',
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/delete',
  ],
  'azure-native:cosmosdb:SqlResourceSqlContainer': [
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/write',
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/delete',
  ],
  'azure-native:cosmosdb:SqlResourceSqlRoleAssignment': [
    'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/write',
    'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/delete',
  ],
  'azure-native:eventgrid:Topic': ['Microsoft.EventGrid/topics/write', 'Microsoft.EventGrid/topics/delete'],
  // An AzureFunction destination: Event Grid checks the caller's access to the function and fetches
  // its key itself (Microsoft in Azure/azure-cli#10879), hence the app's host keys.
  'azure-native:eventgrid:TopicEventSubscription': [
    'Microsoft.Web/sites/host/listkeys/action',
    'Microsoft.EventGrid/topics/eventSubscriptions/write',
    'Microsoft.EventGrid/topics/eventSubscriptions/delete',
    'Microsoft.EventGrid/topics/eventSubscriptions/getFullUrl/action',
    'Microsoft.EventGrid/topics/eventSubscriptions/getDeliveryAttributes/action',
  ],
  'azure-native:authorization:RoleAssignment': [
    'Microsoft.Authorization/roleAssignments/read',
    'Microsoft.Authorization/roleAssignments/write',
    'Microsoft.Authorization/roleAssignments/delete',
    'Microsoft.Authorization/roleDefinitions/read',
  ],
  'azure-native:web:AppServicePlan': ['Microsoft.Web/serverfarms/write', 'Microsoft.Web/serverfarms/delete'],
  'azure-native:web:WebApp': ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/delete'],
  // The provider reads app settings back through POST .../config/appsettings/list.
  'azure-native:web:WebAppApplicationSettings': [
    'Microsoft.Web/sites/config/write',
    'Microsoft.Web/sites/config/list/action',
  ],
  'azure-native:web:WebAppFtpAllowed': ['Microsoft.Web/sites/basicPublishingCredentialsPolicies/write'],
  'azure-native:web:WebAppScmAllowed': ['Microsoft.Web/sites/basicPublishingCredentialsPolicies/write'],
  // One Deploy (azure/one-deploy.ts): Kudu's /api/publish and ARM's list of indexed functions.
  'pulumi-nodejs:dynamic/azure:FlexPackageDeployment': [
    'Microsoft.Web/sites/publish/Action',
    'Microsoft.Web/sites/functions/read',
  ],
  'pulumi:providers:azure-native': ['Microsoft.Resources/subscriptions/read'],
  'azure-native:authorization:getClientConfig': [],
};

/**
 * Resource providers the subscription must have registered, from the namespaces of the types above,
 * plus Microsoft.App: Flex Consumption apps need it although no Microsoft.App resource is created
 * (hashicorp/terraform-provider-azurerm#30397; the Azure CLI registers it before creating a Flex
 * app, register_app_provider in azure-cli's appservice utils). Microsoft.Resources and
 * Microsoft.Authorization are always registered.
 */
export const extraAzureResourceProviders = ['Microsoft.App'];
const alwaysRegistered = new Set(['Microsoft.Resources', 'Microsoft.Authorization']);

export function azureResourceProviders(): string[] {
  const namespaces = Object.values(azureActionsByType)
    .flat()
    .map((action) => action.split('/')[0]);
  return [...new Set([...namespaces, ...extraAzureResourceProviders])].filter((ns) => !alwaysRegistered.has(ns)).sort();
}
