// Cold `require` of each bundle in a fresh Node process: what a new Lambda container or Functions
// worker pays before the first request, minus the runtime's own start.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Bundle } from '../program/bundle';
import type { BundleTarget } from './bundles';
import { lastJsonLine, runNode } from './run-node';
import { summarize, type Summary } from './stats';

export interface ColdRequire {
  name: string;
  ms: Summary;
  /**
   * The same require with the externals it names (the AWS SDK packages) already loaded: what the
   * bundle's own code costs. `ms` minus this is what loading those packages costs.
   */
  ownCodeMs: Summary;
  /** External packages the bundle requires at load time, as found in its text. */
  externals: string[];
  /** Modules in require.cache after the require: the bundle itself plus what it loaded from outside. */
  modulesLoaded: number;
  /** Of those, modules of the AWS SDK (and its @smithy/@aws-crypto dependencies) resolved from node_modules. */
  sdkModulesLoaded: number;
  /** The require threw (e.g. a runtime-only module is missing); the time is then not comparable. */
  error?: string;
}

interface ChildResult {
  ms: number;
  modules: number;
  sdkModules: number;
  error?: string;
}

// Runs inside the child: only the require is timed. Errors are reported, not thrown, so a bundle
// that needs a runtime-only module still yields a clear line in the results.
const childScript = `
const file = process.argv[1];
for (const name of JSON.parse(process.argv[2] || '[]')) require(name);
const before = Object.keys(require.cache).length;
const t0 = process.hrtime.bigint();
let error;
try { require(file); } catch (e) { error = String(e && e.message || e).split('\\n')[0]; }
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const mods = Object.keys(require.cache).slice(before);
const sdk = mods.filter((m) => /[\\\\/]node_modules[\\\\/](@aws-sdk|@smithy|@aws-crypto)[\\\\/]/.test(m)).length;
process.stdout.write(JSON.stringify({ ms, modules: mods.length, sdkModules: sdk, error }) + '\\n');
`;

/** Packages the runtime provides that the bundle requires: `require("@aws-sdk/...")` calls left by esbuild. */
export function externalsRequiredBy(code: string, runtimePackages: RegExp): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
    if (runtimePackages.test(match[1])) names.add(match[1]);
  }
  return [...names].sort();
}

/** A bundle's files in a new temporary folder, as the runtime finds them in its task directory. */
export function writeBundle(bundle: Bundle, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  for (const [name, bytes] of Object.entries(bundle.files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return dir;
}

/**
 * `nodeModules` is the repository's node_modules: on NODE_PATH so the externals the runtime would
 * provide (the AWS SDK) resolve from the temp dir, the way they resolve from /var/runtime on Lambda.
 */
export async function measureColdRequire(
  target: BundleTarget,
  runs: number,
  nodeModules: string,
): Promise<ColdRequire> {
  const dir = writeBundle(target.bundle, `bench-${target.name}`);
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_PATH: nodeModules,
      // What the handlers see in their runtime; none of it is used to reach anything during require.
      AWS_REGION: 'eu-west-1',
      NODE_ENV: 'production',
    };
    const externals = externalsRequiredBy(target.bundle.files[target.mainFile].toString('utf8'), /^@aws-sdk\//);
    const file = join(dir, target.mainFile);
    const results: ChildResult[] = [];
    const own: ChildResult[] = [];
    for (let i = 0; i < runs; i += 1) {
      const child = (preload: string[]) =>
        runNode(['-e', childScript, file, JSON.stringify(preload)], { cwd: dir, env, timeoutMs: 30_000 });
      results.push(lastJsonLine<ChildResult>((await child([])).stdout));
      own.push(lastJsonLine<ChildResult>((await child(externals)).stdout));
    }
    const last = results[results.length - 1];
    return {
      name: target.name,
      ms: summarize(results.map((r) => r.ms)),
      ownCodeMs: summarize(own.map((r) => r.ms)),
      externals,
      modulesLoaded: last.modules,
      sdkModulesLoaded: last.sdkModules,
      ...(last.error ? { error: last.error } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
