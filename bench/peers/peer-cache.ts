// The peers, installed once into a cache folder beside the Lambda runtime client's (outside the project,
// so neither `npm ci` nor package.json ever sees them), keyed by the exact versions and reused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { npmInstallInto } from '../npm-install';

export function peerCacheDir(cacheRoot: string, packages: readonly string[]): string {
  const key = createHash('sha256').update(packages.join('\n')).digest('hex').slice(0, 12);
  return join(cacheRoot, `peers-${key}`);
}

/** The cache's node_modules when a complete install is there, else undefined. Installs nothing. */
export function findPeerCache(cacheRoot: string, packages: readonly string[]): string | undefined {
  const dir = peerCacheDir(cacheRoot, packages);
  return existsSync(join(dir, 'complete')) ? join(dir, 'node_modules') : undefined;
}

/** Installs the packages (seconds, once) and answers the cache's node_modules; a failed install leaves nothing. */
export async function installPeerCache(
  cacheRoot: string,
  packages: readonly string[],
  progress: (line: string) => void,
): Promise<string> {
  const found = findPeerCache(cacheRoot, packages);
  if (found) return found;
  const dir = peerCacheDir(cacheRoot, packages);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  progress(`installing the peers ${packages.join(', ')} into ${dir} (once)`);
  const { code, output } = await npmInstallInto(dir, [...packages]);
  if (code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`installing the peers failed (npm exit ${code}):\n${output.slice(-3000)}`);
  }
  // Written last: a folder without it was interrupted and is installed again.
  mkdirSync(join(dir, 'complete'));
  return join(dir, 'node_modules');
}
