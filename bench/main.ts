// `npm run bench`: every measurement in turn, then bench/results.{md,json} and the tables on stdout.
// Progress goes to stderr, so stdout is only the tables.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureAdapters } from './adapter-micro';
import { composition } from './bundle-composition';
import { buildTargets, measureSize } from './bundles';
import { measureColdRequire } from './cold-require';
import { measureHttp } from './http-load';
import { cleanUpOnInterrupt } from './interrupt';
import { measureLambdaInit } from './lambda-init';
import { defaultCacheRoot } from './lambda-runtime/runtime-cache';
import { describeMachine } from './machine';
import { measureNpmTest } from './npm-test';
import { measurePeers, PEER_MIN_RUNS } from './peers/measure-peers';
import { mainThreadProfile, readProfile, selfTimeByGroup } from './profile-summary';
import { showHelp, usageFailure } from '../tools/cli';
import { BENCH_TOOL, parseBenchArgs, type BenchOptions } from './options';
import { measureProgramEval } from './program-eval';
import { renderMarkdown, renderTerminal } from './report';
import type { BenchResults } from './results';
import { measureStartup } from './startup';

const repoRoot = resolve(__dirname, '..');
// Enough for a stable p99 of calls that take tens of microseconds; about 5 s in all.
const adapterCalls = 10_000;
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function measureBundles(runs: number): Promise<NonNullable<BenchResults['bundles']>> {
  progress('building the bundles');
  const { targets, buildMs } = buildTargets();
  const coldRequire = [];
  for (const target of targets) {
    progress(`cold require ${target.name} ×${runs}`);
    coldRequire.push(await measureColdRequire(target, runs, join(repoRoot, 'node_modules')));
  }
  return {
    buildMs,
    sizes: targets.map(measureSize),
    coldRequire,
    composition: [
      { name: 'aws-api', packages: composition('handlers/aws/api.ts', ['@aws-sdk/*']) },
      { name: 'azure', packages: composition('handlers/azure/index.ts', ['@azure/functions-core']) },
    ],
  };
}

function summariseProfiles(profileDir: string): NonNullable<NonNullable<BenchResults['http']>['profiles']> {
  return ['floor', 'local'].flatMap((server) => {
    const dir = join(profileDir, server);
    const main = mainThreadProfile(readdirSync(dir));
    if (!main) return [];
    return [
      { server, file: join(dir, main), top: selfTimeByGroup(readProfile(join(dir, main)), repoRoot).slice(0, 15) },
    ];
  });
}

async function run(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const machine = describeMachine(repoRoot);
  const http = { connections: options.connections, durationS: options.durationS, warmupS: options.warmupS };
  const results: BenchResults = {
    machine,
    options: {
      runs: options.runs,
      http,
      withTests: options.withTests,
      sections: options.sections,
      peers: options.peers,
    },
    totalMs: 0,
  };
  const wants = (name: BenchOptions['sections'][number]) => options.sections.includes(name);
  if (wants('bundles')) results.bundles = await measureBundles(options.runs);
  if (wants('lambda-init')) {
    // A machine that cannot build the runtime client still gets every other figure.
    results.lambdaInit = await measureLambdaInit(repoRoot, defaultCacheRoot(), options.runs, progress).catch(
      (error: unknown) => ({
        error: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      }),
    );
  }
  if (wants('adapters')) {
    progress(`cloud adapters in-process, ${adapterCalls} calls each`);
    results.adapters = { callsPerTarget: adapterCalls, results: await measureAdapters(adapterCalls) };
  }
  if (wants('http')) {
    const profileDir = options.cpuProfDir && resolve(options.cpuProfDir);
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    results.http = await measureHttp(repoRoot, { ...http, ...(profileDir ? { profileDir } : {}) }, progress);
    if (profileDir) results.http.profiles = summariseProfiles(profileDir);
  }
  if (wants('program')) {
    results.programEval = [];
    for (const clouds of ['aws', 'azure', 'both'] as const) {
      progress(`program evaluation clouds=${clouds} ×${options.runs}`);
      results.programEval.push(await measureProgramEval(repoRoot, clouds, options.runs));
    }
  }
  if (wants('startup')) {
    progress(`local mode start-up ×${options.runs}`);
    results.startup = await measureStartup(repoRoot, options.runs);
  }
  if (options.peers) {
    // Opt-in: installs the peers into the cache folder on first use. A failed install costs only this section.
    results.peers = await measurePeers(
      repoRoot,
      defaultCacheRoot(),
      { runs: Math.max(options.runs, PEER_MIN_RUNS), http },
      progress,
    ).catch((error: unknown) => ({
      error: error instanceof Error ? error.message.split('\n')[0]! : String(error),
    }));
  }
  if (options.withTests) {
    progress('npm test (minutes)');
    results.npmTest = await measureNpmTest(repoRoot);
  }
  results.totalMs = performance.now() - started;
  return results;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    return usageFailure(BENCH_TOOL, error);
  }
  if (options.help) return showHelp(BENCH_TOOL);
  const results = await run(options);
  // A profiled run's numbers are slowed by the profiler: they stay beside the profiles, never in bench/.
  const outDir = options.cpuProfDir ? resolve(options.cpuProfDir) : join(repoRoot, 'bench');
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), renderMarkdown(results));
  process.stdout.write(
    `${renderTerminal(results)}\n\nWritten: ${join(outDir, 'results.md')}, ${join(outDir, 'results.json')}\n`,
  );
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUpOnInterrupt();
    process.stderr.write(`bench: ${signal}, stopped; nothing written\n`);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
