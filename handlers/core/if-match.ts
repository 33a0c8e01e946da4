// If-Match carries the note version as an entity tag. Accepted spellings: "3", 3, W/"3" and *.
export type IfMatch =
  | { kind: 'absent' }
  | { kind: 'any' }
  | { kind: 'version'; version: number }
  | { kind: 'malformed' };

const VERSION_TAG = /^(?:W\/)?"([1-9][0-9]{0,14})"$|^([1-9][0-9]{0,14})$/;

export function parseIfMatch(header: string | undefined | null): IfMatch {
  if (header === undefined || header === null) return { kind: 'absent' };
  const value = header.trim();
  if (value === '*') return { kind: 'any' };
  const match = VERSION_TAG.exec(value);
  if (!match) return { kind: 'malformed' };
  return { kind: 'version', version: Number(match[1] ?? match[2]) };
}

/** The strong ETag of a note version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
