// What a bundle is made of, by package: esbuild's metafile for the same entry with the very options of
// program/bundle/esbuild.ts (no source map: it does not count towards the script's size).
// Used to explain a missed size or cold-require budget.
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../program/bundle';
import { bundleOptions } from '../program/bundle/esbuild';

export interface PackageShare {
  /** npm package name, or "(own code)" for files of this repository. */
  name: string;
  bytes: number;
}

function packageOf(inputPath: string): string {
  const at = inputPath.lastIndexOf('node_modules/');
  if (at < 0) return '(own code)';
  const parts = inputPath.slice(at + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Bytes of minified output per package, largest first. */
export function composition(entry: string, external: string[]): PackageShare[] {
  const result = buildSync({
    ...bundleOptions(entry, repoRoot, join(repoRoot, '.bundle-out', 'out.js'), external),
    sourcemap: false,
    metafile: true,
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
