// Runs every rule of the pack over a list of resources, the way the engine would: resource rules on
// the types they name, stack rules on the whole list. Violations come back as plain rows to assert on.
import { resourceRules, stackRules, type StackResource } from '../../policy/rules';

export interface Violation {
  policy: string;
  resource: string;
  message: string;
}

export function evaluate(resources: readonly StackResource[]): Violation[] {
  const violations: Violation[] = [];
  for (const resource of resources) {
    for (const rule of resourceRules) {
      if (!rule.resourceTypes.includes(resource.type)) continue;
      for (const message of rule.check(resource))
        violations.push({ policy: rule.name, resource: resource.name, message });
    }
  }
  const byUrn = new Map(resources.map((r) => [r.urn, r.name]));
  for (const rule of stackRules) {
    for (const { message, urn } of rule.check(resources)) {
      violations.push({ policy: rule.name, resource: (urn && byUrn.get(urn)) ?? '(stack)', message });
    }
  }
  return violations;
}

/** A resource as the tests write it by hand. */
export function resource(type: string, name: string, props: Record<string, unknown>): StackResource {
  return { type, name, urn: `urn:pulumi:test::serverless-aws-azure::${type}::${name}`, props };
}
