// The deployer's least-privilege permissions against what the whole program creates (both clouds,
// under the mocks): a resource type or lookup without permissions fails here, as do permissions for
// a type the program no longer creates, and deploy/permissions/*.json that were not regenerated.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { awsActionsByType, azureActionsByType, azureResourceProviders } from '../../program/deployer-permissions';
import { permissionDocuments, permissionFiles } from '../../program/permission-documents';
import type { ProgramRun } from '../../plan/run-program';
import { providerOf, ROOT, runIndex } from './program-runner';

type ActionsByType = Record<string, string[]>;

/** The types (custom resources) and lookups (invokes) the program uses, per cloud. */
function usedByProgram(run: ProgramRun): { aws: string[]; azure: string[] } {
  const used = [...new Set([...run.resources.filter((r) => r.custom).map((r) => r.type), ...run.invokes])].sort();
  // The dynamic One Deploy resource talks to Azure.
  return { aws: used.filter((t) => providerOf(t) === 'aws'), azure: used.filter((t) => providerOf(t) !== 'aws') };
}

/** Types and lookups with no entry, and entries for types the program does not use (providers aside). */
function coverage(used: string[], byType: ActionsByType): { missing: string[]; stale: string[] } {
  return {
    missing: used.filter((t) => !(t in byType)),
    stale: Object.keys(byType).filter((t) => !used.includes(t) && !t.startsWith('pulumi:providers:')),
  };
}

/** IAM/ARM action matching: `*` stands for any run of characters, case-insensitively. */
function allows(granted: string[], action: string): boolean {
  return granted.some((g) =>
    new RegExp(
      `^${g
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    ).test(action),
  );
}

const readJson = (file: string) => JSON.parse(readFileSync(resolve(ROOT, file), 'utf8')) as Record<string, unknown>;
const awsGranted = (policy: Record<string, unknown>) =>
  (policy.Statement as { Effect: string; Action: string[] }[])
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => s.Action);
const azureGranted = (role: Record<string, unknown>) => role.Actions as string[];

function ungranted(byType: ActionsByType, granted: string[]): string[] {
  return Object.entries(byType).flatMap(([type, actions]) =>
    actions.filter((a) => !allows(granted, a)).map((a) => `${type}: ${a}`),
  );
}

let used: { aws: string[]; azure: string[] };
beforeAll(async () => {
  // With every optional resource on: an alert e-mail adds the SNS subscription.
  used = usedByProgram(await runIndex({ clouds: 'both', alertEmail: 'ops@example.com' }));
});

it('the program uses resources and lookups on both clouds (the run this test reads is complete)', () => {
  expect(used.aws).toContain('aws:lambda/function:Function');
  expect(used.azure).toContain('azure-native:web:WebApp');
  expect(used.azure).toContain('pulumi-nodejs:dynamic/azure:FlexPackageDeployment');
});

it.each([
  ['AWS', 'aws', awsActionsByType],
  ['Azure', 'azure', azureActionsByType],
] as const)(
  '%s: every type the program creates has permissions, and none is listed for a type it does not create',
  (_cloud, key, byType) => {
    expect(coverage(used[key], byType)).toEqual({ missing: [], stale: [] });
  },
);

it('negative control: a type left out of the permissions is named', () => {
  const { 'aws:sqs/queuePolicy:QueuePolicy': _left, ...withoutOne } = awsActionsByType;
  expect(coverage(used.aws, withoutOne).missing).toEqual(['aws:sqs/queuePolicy:QueuePolicy']);
  expect(coverage(used.azure, { ...azureActionsByType, 'azure-native:web:WebAppSlot': ['x'] }).stale).toEqual([
    'azure-native:web:WebAppSlot',
  ]);
});

it('deploy/permissions/*.json are what program/deployer-permissions.ts generates (npx tsx program/write-deployer-permissions.ts)', () => {
  const documents = permissionDocuments();
  for (const [key, file] of Object.entries(permissionFiles) as [keyof typeof permissionFiles, string][]) {
    expect(readFileSync(resolve(ROOT, file), 'utf8')).toBe(documents[key]);
  }
});

it('the files on disk grant every action of every type', () => {
  expect(ungranted(awsActionsByType, awsGranted(readJson(permissionFiles.awsPolicy)))).toEqual([]);
  const role = readJson(permissionFiles.azureRole);
  expect(ungranted(azureActionsByType, azureGranted(role))).toEqual([]);
  for (const ns of readJson(permissionFiles.azureProviders) as unknown as string[])
    expect(allows(azureGranted(role), `${ns}/register/action`)).toBe(true);
});

it('negative control: an action removed from a file is named', () => {
  const policy = readJson(permissionFiles.awsPolicy);
  const statements = policy.Statement as { Action: string[] }[];
  for (const s of statements) s.Action = s.Action.filter((a) => a !== 'logs:CreateLogDelivery');
  expect(ungranted(awsActionsByType, awsGranted(policy))).toEqual([
    'aws:apigatewayv2/stage:Stage: logs:CreateLogDelivery',
  ]);
});

it('writes and deletes only the types used; iam:PassRole only to Lambda; no Azure wildcard write', () => {
  const policy = readJson(permissionFiles.awsPolicy);
  const statements = policy.Statement as { Action: string[]; Condition?: unknown }[];
  expect(awsGranted(policy).every((a) => !a.includes('*'))).toBe(true);
  expect(statements.find((s) => s.Action.includes('iam:PassRole'))?.Condition).toEqual({
    StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
  });
  expect(
    azureGranted(readJson(permissionFiles.azureRole)).filter((a) => a.includes('*') && !a.endsWith('/*/read')),
  ).toEqual([]);
});

it('registers the namespaces of every Azure type, and Microsoft.App for Flex Consumption', () => {
  const namespaces = used.azure
    .filter((t) => t.startsWith('azure-native:'))
    .flatMap((t) => azureActionsByType[t])
    .map((a) => a.split('/')[0])
    .filter((ns) => ns !== 'Microsoft.Resources' && ns !== 'Microsoft.Authorization');
  for (const ns of namespaces) expect(azureResourceProviders()).toContain(ns);
  expect(azureResourceProviders()).toContain('Microsoft.App');
});
