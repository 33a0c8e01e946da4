// Small readers for untyped property bags. They never catch errors: under the policy engine a
// property that is unknown during preview throws, and the engine reports that itself.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record at `key`, or an empty one when absent or not an object. */
export function recordAt(props: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = props[key];
  return isRecord(value) ? value : {};
}

/** IAM and ARM fields allow "one or many": always hand back a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** How a value is shown in a message: strings quoted, absence said plainly. */
export function shown(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(value);
}
