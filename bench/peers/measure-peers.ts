// `npm run bench -- --peers`: our AWS api bundle against each peer's, same handler work, same esbuild
// options, same cold process, as same-run ratios (ours / the peer's: below 1 is ours smaller or faster).
import { buildAwsBundles } from '../../handlers/bundle';
import { summarize, type Summary } from '../stats';
import { bundlePeer } from './bundle-peers';
import { measureColdCalls, type ColdTarget } from './first-response';
import { installPeerCache } from './peer-cache';
import { medianOfRatios } from './ratios';
import { PEERS, peerPackages } from './versions';

export const OURS = 'ours (aws-api)';

export interface PeerRow {
  name: string;
  minifiedBytes: number;
  requireMs: Summary;
  firstResponseMs: Summary;
  /** require + first response: what the first caller after a cold start waits for beyond the runtime's own start. */
  requirePlusFirstMs: Summary;
}

export interface PeerRatio {
  peer: string;
  bundleSize: number;
  require: number | undefined;
  firstResponse: number | undefined;
  requirePlusFirst: number | undefined;
}

export interface PeersResult {
  /** Exact versions, name@version. */
  versions: string[];
  runs: number;
  rows: PeerRow[];
  ratios: PeerRatio[];
}

/** Rows and ratios from the paired samples; pure, so it is unit-tested. */
export function peersReport(sizes: Map<string, number>, calls: Map<string, { requireMs: number; firstResponseMs: number }[]>, versions: string[]): PeersResult {
  const totals = (name: string) => calls.get(name)!.map((c) => c.requireMs + c.firstResponseMs);
  const rows = [...calls.entries()].map(([name, list]) => ({
    name,
    minifiedBytes: sizes.get(name)!,
    requireMs: summarize(list.map((c) => c.requireMs)),
    firstResponseMs: summarize(list.map((c) => c.firstResponseMs)),
    requirePlusFirstMs: summarize(totals(name)),
  }));
  const ours = calls.get(OURS);
  if (!ours) throw new Error(`no samples of ${OURS}`);
  const ratios = [...calls.keys()]
    .filter((name) => name !== OURS)
    .map((peer) => {
      const theirs = calls.get(peer)!;
      return {
        peer,
        bundleSize: sizes.get(OURS)! / sizes.get(peer)!,
        require: medianOfRatios(ours.map((c) => c.requireMs), theirs.map((c) => c.requireMs)),
        firstResponse: medianOfRatios(ours.map((c) => c.firstResponseMs), theirs.map((c) => c.firstResponseMs)),
        requirePlusFirst: medianOfRatios(totals(OURS), totals(peer)),
      };
    });
  return { versions, runs: ours.length, rows, ratios };
}

export async function measurePeers(repoRoot: string, cacheRoot: string, runs: number, progress: (line: string) => void): Promise<PeersResult> {
  const packages = peerPackages();
  const peerNodeModules = await installPeerCache(cacheRoot, packages, progress);
  progress('peers: bundling ours and theirs');
  const targets: ColdTarget[] = [
    { name: OURS, bundle: buildAwsBundles({ cache: false }).api },
    ...PEERS.map((peer) => ({ name: peer.name, bundle: { files: { 'index.js': bundlePeer(peer, peerNodeModules) }, hash: peer.name } })),
  ];
  const sizes = new Map(targets.map((t) => [t.name, t.bundle.files['index.js']!.length]));
  const calls = await measureColdCalls(targets, runs, `${repoRoot}/node_modules`, progress);
  return peersReport(sizes, calls, packages);
}
