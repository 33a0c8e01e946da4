// Builds one entry with esbuild, in memory, so the Pulumi program can hash and ship the bytes directly.
import * as path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

export interface EntryBuild {
  /** Entry file, relative to `workingDir` (or absolute). */
  entry: string;
  /** The repository root: every path esbuild records (source maps) is relative to it. */
  workingDir: string;
  /** Output path of the JavaScript file inside the bundle, e.g. `index.js` or `dist/index.js`. */
  outFile: string;
  /** Module specifiers left as `require()` calls (wildcards as esbuild accepts them). */
  external: string[];
  /** Files whose exports replace the globals of the same names in this bundle (esbuild's `inject`). */
  inject?: string[];
}

/**
 * Returns the bundle's files keyed by their path inside the bundle: the script, its `.map`, and
 * `<outFile>.LEGAL.txt` when any bundled package carries licence comments.
 * Throws when the entry is missing or does not compile; nothing is written to disk either way.
 */
export function buildEntry(options: EntryBuild): Record<string, Buffer> {
  const workingDir = path.resolve(options.workingDir);
  const entry = path.resolve(workingDir, options.entry);
  // A virtual output directory: with write:false nothing lands there; it only anchors relative paths.
  const outRoot = path.join(workingDir, '.bundle-out');
  const outfile = path.join(outRoot, options.outFile);
  const result = buildOrExplain(
    bundleOptions(entry, workingDir, outfile, options.external, options.inject),
    path.relative(workingDir, entry) || entry,
  );
  const files: Record<string, Buffer> = {};
  for (const file of result.outputFiles) {
    const name = path.relative(outRoot, file.path).split(path.sep).join('/');
    const contents = Buffer.from(file.contents);
    files[name] = name.endsWith('.map') ? stableMapSources(contents, path.dirname(file.path), workingDir) : contents;
  }
  return files;
}

/**
 * esbuild follows symlinks, so a node_modules that is a link (a CI cache, a shared install) puts
 * its real location into the map's `sources` and changes the bundle's hash: a spurious code update.
 * A source outside the working directory that lies in a node_modules is recorded as if that
 * node_modules were the working directory's own, which is the path an unlinked install gives.
 */
export function stableMapSources(map: Buffer, mapDir: string, workingDir: string): Buffer {
  let text = map.toString('utf8');
  const { sources = [] } = JSON.parse(text) as { sources?: string[] };
  const ownNodeModules = path.relative(mapDir, path.join(workingDir, 'node_modules')).split(path.sep).join('/');
  for (const source of sources) {
    const outside = path.relative(workingDir, path.resolve(mapDir, source)).startsWith('..');
    const at = source.indexOf('node_modules/');
    if (!outside || at < 0 || /^[a-z]+:\/\//i.test(source)) continue;
    // Replaced in place, so the map keeps esbuild's exact formatting (and an unlinked install's bytes).
    text = text.replace(
      JSON.stringify(source),
      JSON.stringify(`${ownNodeModules}/${source.slice(at + 'node_modules/'.length)}`),
    );
  }
  return Buffer.from(text, 'utf8');
}

/** The esbuild options of every bundle we ship (the benchmarks analyse bundles with the same ones). */
export function bundleOptions(
  entry: string,
  workingDir: string,
  outfile: string,
  external: string[],
  inject: string[] = [],
): BuildOptions & { write: false } {
  return {
    entryPoints: [entry],
    absWorkingDir: workingDir,
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    // Linked maps: the `sourceMappingURL` comment lets `node --enable-source-maps` find them.
    sourcemap: 'linked',
    // Stack traces need only mappings and names; the sources would double the upload.
    sourcesContent: false,
    // Licence notices of bundled packages go to a file beside the bundle instead of bloating it.
    legalComments: 'external',
    external,
    inject: inject.map((file) => path.resolve(workingDir, file)),
    define: { 'process.env.NODE_ENV': '"production"' },
    charset: 'utf8',
    logLevel: 'silent',
  };
}

function buildOrExplain(options: BuildOptions & { write: false }, label: string) {
  try {
    return buildSync(options);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`esbuild could not bundle ${label}: ${detail}`);
  }
}
