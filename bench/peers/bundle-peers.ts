// Each peer's handler bundled with the very esbuild options of our bundles (program/bundle/esbuild.ts),
// its packages resolved from the peer cache, the AWS SDK left to the runtime as in ours.
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../../program/bundle';
import { bundleOptions } from '../../program/bundle/esbuild';
import type { Peer } from './versions';

export const PEER_HANDLERS_DIR = join(__dirname, 'handlers');

/** The peer's index.js, minified; `peerNodeModules` undefined leaves its packages external (the build test). */
export function bundlePeer(peer: Peer, peerNodeModules: string | undefined): Buffer {
  const entry = relative(repoRoot, join(PEER_HANDLERS_DIR, peer.entry));
  const external = ['@aws-sdk/*', ...(peerNodeModules ? [] : peer.packages.map((p) => p.slice(0, p.lastIndexOf('@'))))];
  const result = buildSync({
    ...bundleOptions(entry, repoRoot, join(repoRoot, '.bundle-out', 'peer', 'index.js'), external),
    ...(peerNodeModules ? { nodePaths: [peerNodeModules] } : {}),
  });
  const main = (result.outputFiles ?? []).find((f) => f.path.endsWith('index.js'));
  if (!main) throw new Error(`${peer.name}: esbuild wrote no index.js`);
  return Buffer.from(main.contents);
}
