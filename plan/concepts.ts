/**
 * Which parity-table concept (README's "What it deploys") each resource type serves, on each cloud.
 * A type missing here makes `npm run plan` fail, so this table stays complete.
 * Rules are tried in order; the first whose type matches (and whose `when` holds) wins.
 * A resource can serve several concepts: Azure's Function App is both the compute and, through
 * its HTTP triggers, the HTTP front door.
 */
export type Cloud = 'aws' | 'azure';

export const CONCEPTS = [
  { id: 'compute', title: 'compute' },
  { id: 'http', title: 'HTTP front door' },
  { id: 'documents', title: 'document store' },
  { id: 'changes', title: 'change stream' },
  { id: 'events', title: 'event bus' },
  { id: 'dead-letters', title: 'failed deliveries' },
  { id: 'identity', title: 'identity' },
  { id: 'telemetry', title: 'logs / telemetry' },
  { id: 'alerts', title: 'alerts' },
  { id: 'dashboard', title: 'dashboard' },
  // What exists on one cloud only by nature (an Azure resource group, explicit providers); not part of parity.
  { id: 'scaffolding', title: 'scaffolding (no counterpart needed)' },
] as const;

export type ConceptId = (typeof CONCEPTS)[number]['id'];

export const PAIRED: readonly ConceptId[] = CONCEPTS.map((c) => c.id).filter((id) => id !== 'scaffolding');

export interface ResourceFacts {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export interface Rule {
  cloud: Cloud;
  type: string;
  concept: ConceptId | readonly ConceptId[];
  when?: (resource: ResourceFacts) => boolean;
}

const input = (key: string, pattern: RegExp) => (r: ResourceFacts) => pattern.test(String(r.inputs[key] ?? ''));
const named = (pattern: RegExp) => (r: ResourceFacts) => pattern.test(r.name);

export const RULES: readonly Rule[] = [
  // AWS
  { cloud: 'aws', type: 'pulumi:providers:aws', concept: 'scaffolding' },
  { cloud: 'aws', type: 'aws:lambda/function:Function', concept: 'compute' },
  { cloud: 'aws', type: 'aws:apigatewayv2/api:Api', concept: 'http' },
  { cloud: 'aws', type: 'aws:apigatewayv2/stage:Stage', concept: 'http' },
  { cloud: 'aws', type: 'aws:apigatewayv2/integration:Integration', concept: 'http' },
  { cloud: 'aws', type: 'aws:apigatewayv2/route:Route', concept: 'http' },
  { cloud: 'aws', type: 'aws:lambda/permission:Permission', concept: 'http', when: input('principal', /apigateway/) },
  { cloud: 'aws', type: 'aws:lambda/permission:Permission', concept: 'events', when: input('principal', /events/) },
  { cloud: 'aws', type: 'aws:dynamodb/table:Table', concept: 'documents' },
  { cloud: 'aws', type: 'aws:lambda/eventSourceMapping:EventSourceMapping', concept: 'changes' },
  { cloud: 'aws', type: 'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig', concept: 'dead-letters' },
  { cloud: 'aws', type: 'aws:cloudwatch/eventBus:EventBus', concept: 'events' },
  { cloud: 'aws', type: 'aws:cloudwatch/eventRule:EventRule', concept: 'events' },
  { cloud: 'aws', type: 'aws:cloudwatch/eventTarget:EventTarget', concept: 'events' },
  { cloud: 'aws', type: 'aws:sqs/queue:Queue', concept: 'dead-letters' },
  { cloud: 'aws', type: 'aws:sqs/queuePolicy:QueuePolicy', concept: 'dead-letters' },
  { cloud: 'aws', type: 'aws:iam/role:Role', concept: 'identity' },
  { cloud: 'aws', type: 'aws:iam/rolePolicy:RolePolicy', concept: 'identity' },
  { cloud: 'aws', type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment', concept: 'identity' },
  { cloud: 'aws', type: 'aws:iam/policy:Policy', concept: 'identity' },
  { cloud: 'aws', type: 'aws:cloudwatch/logGroup:LogGroup', concept: 'telemetry' },
  { cloud: 'aws', type: 'aws:cloudwatch/metricAlarm:MetricAlarm', concept: 'alerts' },
  { cloud: 'aws', type: 'aws:sns/topic:Topic', concept: 'alerts' },
  { cloud: 'aws', type: 'aws:sns/topicSubscription:TopicSubscription', concept: 'alerts' },
  { cloud: 'aws', type: 'aws:cloudwatch/dashboard:Dashboard', concept: 'dashboard' },

  // Azure
  { cloud: 'azure', type: 'pulumi:providers:azure-native', concept: 'scaffolding' },
  { cloud: 'azure', type: 'azure-native:resources:ResourceGroup', concept: 'scaffolding' },
  { cloud: 'azure', type: 'azure-native:web:AppServicePlan', concept: 'compute' },
  { cloud: 'azure', type: 'azure-native:web:WebApp', concept: ['compute', 'http'] },
  { cloud: 'azure', type: 'azure-native:web:WebAppApplicationSettings', concept: 'compute' },
  { cloud: 'azure', type: 'pulumi-nodejs:dynamic/azure:FlexPackageDeployment', concept: 'compute' },
  { cloud: 'azure', type: 'azure-native:storage:StorageAccount', concept: 'compute' },
  { cloud: 'azure', type: 'azure-native:storage:BlobContainer', concept: 'dead-letters', when: named(/dead/) },
  { cloud: 'azure', type: 'azure-native:storage:BlobContainer', concept: 'compute' },
  { cloud: 'azure', type: 'azure-native:web:WebAppFunction', concept: 'http' },
  { cloud: 'azure', type: 'azure-native:cosmosdb:DatabaseAccount', concept: 'documents' },
  { cloud: 'azure', type: 'azure-native:cosmosdb:SqlResourceSqlDatabase', concept: 'documents' },
  { cloud: 'azure', type: 'azure-native:cosmosdb:SqlResourceSqlContainer', concept: 'changes', when: named(/lease/) },
  { cloud: 'azure', type: 'azure-native:cosmosdb:SqlResourceSqlContainer', concept: 'documents' },
  { cloud: 'azure', type: 'azure-native:eventgrid:Topic', concept: 'events' },
  { cloud: 'azure', type: 'azure-native:eventgrid:TopicEventSubscription', concept: 'events' },
  { cloud: 'azure', type: 'azure-native:eventgrid:EventSubscription', concept: 'events' },
  { cloud: 'azure', type: 'azure-native:storage:Queue', concept: 'events' },
  { cloud: 'azure', type: 'azure-native:authorization:RoleAssignment', concept: 'identity' },
  // Basic-auth publishing credentials turned off: deployments go through Entra ID only.
  { cloud: 'azure', type: 'azure-native:web:WebAppFtpAllowed', concept: 'identity' },
  { cloud: 'azure', type: 'azure-native:web:WebAppScmAllowed', concept: 'identity' },
  { cloud: 'azure', type: 'azure-native:cosmosdb:SqlResourceSqlRoleAssignment', concept: 'identity' },
  { cloud: 'azure', type: 'azure-native:operationalinsights:Workspace', concept: 'telemetry' },
  { cloud: 'azure', type: 'azure-native:applicationinsights:Component', concept: 'telemetry' },
  { cloud: 'azure', type: 'azure-native:monitor:MetricAlert', concept: 'alerts' },
  { cloud: 'azure', type: 'azure-native:monitor:ActionGroup', concept: 'alerts' },
  { cloud: 'azure', type: 'azure-native:portal:Dashboard', concept: 'dashboard' },
];
