// The shape of one benchmark run, as written to bench/results.json.
import type { BundleSize } from './bundles';
import type { MicroResult } from './adapter-micro';
import type { PackageShare } from './bundle-composition';
import type { TimeShare } from './profile-summary';
import type { ColdRequire } from './cold-require';
import type { LoadOptions, LoadResult, Overhead } from './http-load';
import type { LambdaInit } from './lambda-init';
import type { Machine } from './machine';
import type { NpmTestRun } from './npm-test';
import type { PeersResult } from './peers/measure-peers';
import type { ProgramEval } from './program-eval';
import type { Startup } from './startup';

export interface BenchResults {
  machine: Machine;
  options: { runs: number; http: LoadOptions; withTests: boolean; sections: string[]; peers?: boolean };
  bundles?: {
    buildMs: number;
    sizes: BundleSize[];
    coldRequire: ColdRequire[];
    /** Largest packages of each bundle, by minified bytes (esbuild metafile). */
    composition: { name: string; packages: PackageShare[] }[];
  };
  /** Cold starts on Node 22 with AWS's runtime interface client (lambda-init.ts); error when it could not run. */
  lambdaInit?: LambdaInit | { error: string };
  /** The cloud adapters alone, in-process (adapter-micro.ts). */
  adapters?: { callsPerTarget: number; results: MicroResult[] };
  http?: {
    results: LoadResult[];
    overheads: Overhead[];
    /** With --cpu-prof: each server process's main-thread self time by package or file, largest first. */
    profiles?: { server: string; file: string; top: TimeShare[] }[];
  };
  programEval?: ProgramEval[];
  startup?: Startup;
  npmTest?: NpmTestRun;
  /** With --peers: ours against the peers, same handler work, same-run ratios (bench/peers/). */
  peers?: PeersResult | { error: string };
  /** Wall time of the whole bench run. */
  totalMs: number;
}
