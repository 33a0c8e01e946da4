// The bundle's identity: a hash over its file names and bytes, independent of insertion order.
import { createHash } from 'node:crypto';

/** Files keyed by their path inside the bundle (forward slashes), and their content hash. */
export interface Bundle {
  files: Record<string, Buffer>;
  /** sha256 (hex) over the sorted file names and their contents. */
  hash: string;
}

export function sortedNames(files: Record<string, Buffer>): string[] {
  return Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Each name and content is length-prefixed, so no two different file sets can frame the same bytes. */
export function makeBundle(files: Record<string, Buffer>): Bundle {
  const hash = createHash('sha256');
  const length = Buffer.alloc(8);
  for (const name of sortedNames(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    length.writeBigUInt64BE(BigInt(nameBytes.length));
    hash.update(length).update(nameBytes);
    length.writeBigUInt64BE(BigInt(files[name].length));
    hash.update(length).update(files[name]);
  }
  return { files, hash: hash.digest('hex') };
}
