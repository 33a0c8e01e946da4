// Turns the plain rules into @pulumi/policy policies. validateResource with a type filter rather
// than validateResourceOfType: the latter needs the provider SDK classes (@pulumi/aws,
// @pulumi/azure-native) loaded in the policy process just to read their type tokens.
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import type { ResourceRule, StackResource, StackRule } from './rules';

export function toResourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const types = new Set(rule.resourceTypes);
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel ?? 'mandatory',
    validateResource: (args, reportViolation) => {
      if (!types.has(args.type)) return;
      for (const message of rule.check({ type: args.type, props: args.props })) reportViolation(message);
    },
  };
}

function toStackResource(resource: PolicyResource): StackResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [property, dependencies] of Object.entries(resource.propertyDependencies ?? {})) {
    propertyDependencies[property] = dependencies.map((d) => d.urn);
  }
  return { type: resource.type, name: resource.name, urn: resource.urn, props: resource.props, propertyDependencies };
}

export function toStackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: 'mandatory',
    validateStack: (args, reportViolation) => {
      for (const { message, urn } of rule.check(args.resources.map(toStackResource))) reportViolation(message, urn);
    },
  };
}
