// Same-run ratios: per round, ours / the peer's; the median of those. A ratio of medians would pair
// a quiet moment of one with a busy moment of the other.
import { median } from '../stats';

/** Median of ours[i] / peer[i] over rounds where both are positive; undefined when none is. */
export function medianOfRatios(ours: readonly number[], peer: readonly number[]): number | undefined {
  if (ours.length !== peer.length) throw new Error(`ratios need paired rounds: ${ours.length} against ${peer.length}`);
  const ratios = ours.flatMap((a, i) =>
    a > 0 && peer[i]! > 0 && Number.isFinite(a) && Number.isFinite(peer[i]!) ? [a / peer[i]!] : [],
  );
  return ratios.length === 0 ? undefined : median(ratios);
}
