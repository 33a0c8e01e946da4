// What the nodejs22.x runtime image holds besides the function's code, installed on demand into a cache
// folder (never by `npm ci`): AWS's runtime interface client `aws-lambda-ric` (the client the Lambda base
// images run; its install builds curl and aws-lambda-cpp from source, a few minutes once) and the AWS SDK
// v3 packages the bundles leave to the runtime, at the versions this repository locks.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { npmInstallInto } from '../npm-install';

/** Where installs on demand are kept: outside the repository, so `npm ci` does not throw them away. */
export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'serverless-aws-azure');
}

/** The runtime interface client the bench runs; pinned so that figures compare across runs. */
export const RIC_VERSION = '4.0.2';

export interface RuntimeCache {
  dir: string;
  /** The RIC's entry script, run by `node` as the image's bootstrap does. */
  ricEntry: string;
  /** The folder put on NODE_PATH, as /var/runtime/node_modules is on Lambda: the AWS SDK only. */
  sdkNodeModules: string;
  packages: string[];
}

function versionIn(repoRoot: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The packages to install, `name@version`: the RIC, then each SDK package at the locked version. */
export function runtimePackages(repoRoot: string, sdkPackages: string[]): string[] {
  return [
    `aws-lambda-ric@${RIC_VERSION}`,
    ...[...sdkPackages].sort().map((name) => `${name}@${versionIn(repoRoot, name)}`),
  ];
}

export function runtimeCacheDir(cacheRoot: string, packages: string[]): string {
  const key = createHash('sha256').update(packages.join('\n')).digest('hex').slice(0, 12);
  return join(cacheRoot, `lambda-runtime-${key}`);
}

function cacheAt(dir: string, packages: string[]): RuntimeCache {
  return {
    dir,
    ricEntry: join(dir, 'node_modules', 'aws-lambda-ric', 'index.mjs'),
    sdkNodeModules: join(dir, 'node_modules'),
    packages,
  };
}

/** The cache when it is complete (the RIC's native part built), else undefined. Installs nothing. */
export function findRuntimeCache(cacheRoot: string, packages: string[]): RuntimeCache | undefined {
  const dir = runtimeCacheDir(cacheRoot, packages);
  return existsSync(join(dir, 'node_modules', 'aws-lambda-ric', 'rapid-client.node')) &&
    existsSync(join(dir, 'complete'))
    ? cacheAt(dir, packages)
    : undefined;
}

/**
 * Installs the packages into the cache with npm, on this Node (22: the RIC requires it and builds its
 * addon against it). A failed install leaves no half-made cache behind.
 */
export async function installRuntimeCache(
  cacheRoot: string,
  packages: string[],
  progress: (line: string) => void,
): Promise<RuntimeCache> {
  const found = findRuntimeCache(cacheRoot, packages);
  if (found) return found;
  const dir = runtimeCacheDir(cacheRoot, packages);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  progress(`installing ${packages.join(', ')} into ${dir} (the RIC builds native code: minutes, once)`);
  const { code, output } = await npmInstallInto(dir, packages);
  const cache = cacheAt(dir, packages);
  if (code !== 0 || !existsSync(join(dir, 'node_modules', 'aws-lambda-ric', 'rapid-client.node'))) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `installing the Lambda runtime client failed (npm exit ${code}; it needs cmake, make and g++):\n${output.slice(-3000)}`,
    );
  }
  // Written last: a cache without it was interrupted and is installed again.
  mkdirSync(join(dir, 'complete'));
  return cache;
}
