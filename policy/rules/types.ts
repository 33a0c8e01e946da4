// The shapes every rule works on: plain data, so rules run the same under the Pulumi engine
// (policy/wiring.ts) and in jest against resources captured by Pulumi mocks.

/** One resource as a policy sees it: its type token and its (input) properties. */
export interface ResourceInput {
  type: string;
  props: Record<string, unknown>;
}

/** A resource in a whole-stack check; `propertyDependencies` maps a property to the URNs it came from. */
export interface StackResource extends ResourceInput {
  urn: string;
  name: string;
  propertyDependencies?: Record<string, string[]>;
}

export interface StackViolation {
  message: string;
  /** The resource in violation, when there is one. */
  urn?: string;
}

/** A check of single resources: returns one message per violation, none when the resource complies. */
export interface ResourceRule {
  name: string;
  description: string;
  /** The type tokens the rule applies to; other resources are not looked at. */
  resourceTypes: readonly string[];
  /** `advisory` reports without failing the preview (a deliberate trial setting); mandatory by default. */
  enforcementLevel?: 'advisory' | 'mandatory';
  check(resource: ResourceInput): string[];
}

/** A check that needs more than one resource (e.g. a setting held by a sibling resource). */
export interface StackRule {
  name: string;
  description: string;
  check(resources: readonly StackResource[]): StackViolation[];
}
