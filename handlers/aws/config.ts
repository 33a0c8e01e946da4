// What every entry reads from its environment, and the SDK HTTP settings both clients share.
// No SDK import here: the SDK is external to the bundles, so each entry loads only the clients it uses.

/** Fail fast instead of hanging until the Lambda timeout: a store that does not answer becomes a 503. */
export const requestHandler = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true };

/** A configuration value the handler cannot work without. */
export function requiredEnv(name: 'NOTES_TABLE' | 'ACTIVITY_TABLE' | 'EVENT_BUS_NAME'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the function's environment must name it`);
  return value;
}
