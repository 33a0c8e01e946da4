// Finds the IAM policy documents a resource carries and reads their statements, whatever form the
// program used: a JSON string (JSON.stringify, pulumi.jsonStringify) or an object, one statement or many.
import { asList, isRecord } from './props';
import type { ResourceInput } from './types';

export interface Statement {
  /** Where it is, for messages: the Sid, else its position. */
  label: string;
  effect: unknown;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
}

export type ParsedDocument = { statements: Statement[] } | { error: string };

const identityPolicyTypes = [
  'aws:iam/rolePolicy:RolePolicy',
  'aws:iam/policy:Policy',
  'aws:iam/userPolicy:UserPolicy',
  'aws:iam/groupPolicy:GroupPolicy',
];

export const policyDocumentTypes: readonly string[] = [...identityPolicyTypes, 'aws:iam/role:Role'];

/** The raw documents of a resource: `policy`, or each of a Role's `inlinePolicies`. */
export function documentsOf({ type, props }: ResourceInput): unknown[] {
  if (identityPolicyTypes.includes(type)) return [props.policy];
  if (type === 'aws:iam/role:Role') {
    return asList(props.inlinePolicies)
      .filter(isRecord)
      .map((inline) => inline.policy)
      .filter((policy) => policy !== undefined && policy !== '');
  }
  return [];
}

const strings = (value: unknown): string[] => asList(value).map(String);

export function parseDocument(raw: unknown): ParsedDocument {
  let document: unknown = raw;
  if (typeof raw === 'string') {
    try {
      document = JSON.parse(raw);
    } catch {
      return { error: 'is not valid JSON' };
    }
  }
  if (!isRecord(document)) return { error: 'is not a JSON object' };
  const statements = asList(document.Statement).map((statement, index): Statement => {
    const s = isRecord(statement) ? statement : {};
    return {
      label: typeof s.Sid === 'string' && s.Sid !== '' ? `"${s.Sid}"` : `#${index + 1}`,
      effect: s.Effect,
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      notResources: strings(s.NotResource),
    };
  });
  return { statements };
}
