// Logical names for resources whose Azure names have stricter rules than Pulumi's.
import { createHash } from 'node:crypto';

/** Storage account names are 3-24 lower-case letters and digits; azure-native appends 8 random characters. */
export function storageAccountLogicalName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 14);
  return `${cleaned}st`;
}

/**
 * A stable UUID (RFC 4122 layout, version 5 style) derived from a seed, for role assignments whose
 * name must be a GUID: the same program yields the same name, so a re-run is no diff.
 */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
