// Measurement rounds go over every target, each round starting one target later, so that no target
// always runs right after the same other one (a busy moment or a warm cache would favour it).

/** `list` starting at its `by`-th element (modulo its length), the ones before it moved to the end. */
export function rotated<T>(list: readonly T[], by: number): T[] {
  const at = list.length === 0 ? 0 : by % list.length;
  return [...list.slice(at), ...list.slice(0, at)];
}
