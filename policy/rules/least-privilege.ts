// Promise: least privilege. Each role lists the calls its function makes on the resources it owns;
// no wildcard actions, no "Resource: *" beyond the documented allow-list, no broad AWS managed policies.
import { documentsOf, parseDocument, policyDocumentTypes, type Statement } from './iam-documents';
import { asList } from './props';
import type { ResourceRule } from './types';
import { isAllowedOnAnyResource } from './wildcard-resource-allow-list';

// "*" or "service:*" (IAM action names are case-insensitive).
const wildcardAction = /^(\*|[a-z0-9-]+:\*)$/i;

function statementViolations(s: Statement): string[] {
  if (s.effect === 'Deny') return [];
  const at = `statement ${s.label}`;
  const violations: string[] = [];
  if (s.notActions.length > 0) violations.push(`${at} uses NotAction, which allows every action it does not list`);
  if (s.notResources.length > 0)
    violations.push(`${at} uses NotResource, which allows every resource it does not list`);
  for (const action of s.actions.filter((a) => wildcardAction.test(a))) {
    violations.push(`${at} allows Action "${action}"; list the actions the function calls`);
  }
  if (s.resources.includes('*')) {
    const notAllowed = s.actions.filter((a) => !isAllowedOnAnyResource(a));
    if (notAllowed.length > 0) {
      violations.push(
        `${at} allows ${notAllowed.join(', ')} on Resource "*"; scope it to ARNs (only actions in policy/rules/wildcard-resource-allow-list.ts may use "*")`,
      );
    }
  }
  return violations;
}

export const iamNoWildcards: ResourceRule = {
  name: 'iam-no-wildcards',
  description:
    'IAM policies grant named actions on named resources: no "*" or "service:*" actions, no Resource "*" outside the allow-list.',
  resourceTypes: policyDocumentTypes,
  check(resource) {
    const violations: string[] = [];
    documentsOf(resource).forEach((raw, index, all) => {
      const where = all.length > 1 ? `inline policy #${index + 1}` : 'policy';
      const parsed = parseDocument(raw);
      if ('error' in parsed) {
        violations.push(`${where} ${parsed.error}, so it cannot be checked`);
        return;
      }
      for (const statement of parsed.statements) {
        violations.push(...statementViolations(statement).map((v) => (all.length > 1 ? `${where}: ${v}` : v)));
      }
    });
    return violations;
  },
};

// AWS managed policies that grant a whole service (…FullAccess) or everything (AdministratorAccess).
const broadManagedPolicy =
  /^arn:aws[a-z-]*:iam::aws:policy\/(?:[^*]*\/)?([A-Za-z0-9+=,.@_-]*FullAccess(?:V\d+)?|AdministratorAccess)$/;

const attachmentPolicyArns: Record<string, string> = {
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': 'policyArn',
  'aws:iam/userPolicyAttachment:UserPolicyAttachment': 'policyArn',
  'aws:iam/groupPolicyAttachment:GroupPolicyAttachment': 'policyArn',
  'aws:iam/policyAttachment:PolicyAttachment': 'policyArn',
  'aws:iam/role:Role': 'managedPolicyArns',
  'aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive': 'policyArns',
  'aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive': 'policyArns',
  'aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive': 'policyArns',
};

export const iamNoFullAccessManagedPolicies: ResourceRule = {
  name: 'iam-no-full-access-managed-policies',
  description: 'No AWS managed *FullAccess or AdministratorAccess policy is attached to anything.',
  resourceTypes: Object.keys(attachmentPolicyArns),
  check({ type, props }) {
    return asList(props[attachmentPolicyArns[type]])
      .map(String)
      .filter((arn) => broadManagedPolicy.test(arn))
      .map(
        (arn) =>
          `attaches the AWS managed policy ${arn}, which grants far more than one function needs; write an inline policy with the exact actions and ARNs`,
      );
  },
};

export const leastPrivilegeRules: ResourceRule[] = [iamNoWildcards, iamNoFullAccessManagedPolicies];
