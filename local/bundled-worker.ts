import { buildSync } from 'esbuild';
import { Worker } from 'node:worker_threads';

// A worker thread running a TypeScript entry of this repository. The entry is bundled with esbuild
// (once per process and entry), so it starts the same under tsx, jest's transform or anything else: a
// worker gets none of its parent's loaders. npm packages stay outside the bundle and are required
// from the entry's own folder, as the entry itself would.

const bundles = new Map<string, string>();

function bundle(entry: string): string {
  let code = bundles.get(entry);
  if (code === undefined) {
    const built = buildSync({
      entryPoints: [entry],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      write: false,
      logLevel: 'silent',
    });
    code = `(function (require) {\n${built.outputFiles[0]!.text}\n})(require('node:module').createRequire(${JSON.stringify(entry)}));`;
    bundles.set(entry, code);
  }
  return code;
}

/**
 * The worker's environment is this module's `process.env` as it is now (jest gives each test file its
 * own copy). No execArgv: the bundle needs no loader, and tsx's preflight in a worker answers the tsx
 * CLI's signal relay too (that no handler is installed), so `npm start` would die of its own SIGTERM.
 */
export function bundledWorker(entry: string, workerData?: unknown): Worker {
  return new Worker(bundle(entry), { eval: true, workerData, env: { ...process.env }, execArgv: [] });
}
