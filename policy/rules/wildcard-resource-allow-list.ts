// The documented exceptions to "no Resource: *": actions AWS authorizes only on "*", because they
// have no resource-level permissions (Service Authorization Reference, "Resource types" column empty).
// Add an entry only with the reason and the function that needs it.
export const wildcardResourceAllowList: Readonly<Record<string, string>> = {
  // Lambda's DynamoDB Streams poller checks it with the publisher's role; it lists stream ARNs, no data.
  'dynamodb:liststreams': 'no resource-level permission; needed by the publisher stream mapping',
};

/** IAM action names are case-insensitive. */
export function isAllowedOnAnyResource(action: string): boolean {
  return Object.hasOwn(wildcardResourceAllowList, action.toLowerCase());
}
