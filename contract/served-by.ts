// Which deployment answered: every response's `x-served-by` (docs/ARCHITECTURE.md "HTTP contract").

export const CLOUDS = ['aws', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];

export type ServedBy = Cloud | `local-${Cloud}`;

/** The setting that tells an api entry it runs in local mode; unset in the clouds. */
export const SERVED_BY_SETTING = 'SERVED_BY';

/** The values a deployment of `cloud` may answer with: the cloud itself, or local mode's stand-in. */
export const servedByValues = (cloud: Cloud): readonly ServedBy[] => [cloud, `local-${cloud}`];

/** SERVED_BY as a cloud's api entry reads it: unset is the cloud itself. */
export function servedByFor(cloud: Cloud, value: string | undefined): ServedBy {
  const servedBy = value ?? cloud;
  if (!(servedByValues(cloud) as readonly string[]).includes(servedBy)) {
    throw new Error(`${SERVED_BY_SETTING} must be ${servedByValues(cloud).join(' or ')}, not "${servedBy}"`);
  }
  return servedBy as ServedBy;
}
