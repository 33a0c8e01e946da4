// The deployer's permissions as the clouds take them: an AWS IAM policy document, an Azure custom
// role definition, and the resource providers to register. Built from deployer-permissions.ts only.
import { awsActionsByType, azureActionsByType, azureResourceProviders } from './deployer-permissions';

export const permissionFiles = {
  awsPolicy: 'deploy/permissions/aws-deployer-policy.json',
  azureRole: 'deploy/permissions/azure-deployer-role.json',
  azureProviders: 'deploy/permissions/azure-resource-providers.json',
} as const;

/** Stands in for the subscription id in AssignableScopes; README says how to put yours in. */
export const subscriptionPlaceholder = '00000000-0000-0000-0000-000000000000';

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** One statement per service; iam:PassRole only towards Lambda (the functions' execution roles). */
export function awsDeployerPolicy() {
  const actions = sorted(Object.values(awsActionsByType).flat());
  const byService = new Map<string, string[]>();
  for (const action of actions.filter((a) => a !== 'iam:PassRole')) {
    const service = action.split(':')[0];
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const statements: Record<string, unknown>[] = [...byService].map(([service, serviceActions]) => ({
    Sid: service.replace(/^./, (c) => c.toUpperCase()),
    Effect: 'Allow',
    Action: serviceActions,
    Resource: '*',
  }));
  if (actions.includes('iam:PassRole')) {
    statements.push({
      Sid: 'PassRoleToLambdaOnly',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Reads in every namespace used, writes and deletes per type, and registering the providers. */
export function azureDeployerRole() {
  const typeActions = Object.values(azureActionsByType).flat();
  const namespaces = sorted(typeActions.map((a) => a.split('/')[0]));
  return {
    Name: 'serverless-aws-azure deployer',
    IsCustom: true,
    Description: 'What pulumi up of serverless-aws-azure needs: generated from program/deployer-permissions.ts.',
    Actions: sorted([
      ...namespaces.map((ns) => `${ns}/*/read`),
      ...typeActions,
      ...azureResourceProviders().map((ns) => `${ns}/register/action`),
    ]),
    NotActions: [],
    DataActions: [],
    NotDataActions: [],
    AssignableScopes: [`/subscriptions/${subscriptionPlaceholder}`],
  };
}

/** Each file's content, as written to disk. */
export function permissionDocuments(): Record<keyof typeof permissionFiles, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    awsPolicy: json(awsDeployerPolicy()),
    azureRole: json(azureDeployerRole()),
    azureProviders: json(azureResourceProviders()),
  };
}
