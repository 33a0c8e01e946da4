// The peers the bench compares with, pinned exactly so that ratios compare across runs. Installed on
// demand into the cache folder, never into the project (package.json has none of them).

export interface Peer {
  /** Name in results.md. */
  name: string;
  /** Its entry in bench/peers/handlers/. */
  entry: string;
  /** Packages it bundles, name@exact-version. */
  packages: string[];
}

export const PEERS: readonly Peer[] = [
  {
    name: 'express 5 + serverless-http',
    entry: 'express-api.mjs',
    packages: ['express@5.1.0', 'serverless-http@3.2.0'],
  },
  { name: 'middy 7', entry: 'middy-api.mjs', packages: ['@middy/core@7.9.2', '@middy/http-router@7.9.2'] },
];

/** The local Lambda emulator compared with local mode; it serves the middy peer's handler. */
export const SERVERLESS_OFFLINE_PACKAGES = ['serverless-offline@13.9.0', 'serverless@3.40.0'];

/** Every package to install, sorted: the cache folder's key. */
export function peerPackages(peers: readonly Peer[] = PEERS): string[] {
  return [...new Set([...peers.flatMap((p) => p.packages), ...SERVERLESS_OFFLINE_PACKAGES])].sort();
}
