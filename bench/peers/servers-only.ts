// The servers part of `npm run bench -- --peers` alone, with few rounds: local mode (on disk) against
// serverless-offline, for iterating on local mode's speed. Prints the same-run ratios; writes nothing
// into bench/ (results.md stays the full run's). Needs the peer cache a full --peers run installed.
//   npx tsx bench/peers/servers-only.ts [--runs n] [--duration s] [--warmup s] [--scenario name]
//     [--startup n] [--cpu-prof dir]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { showHelp, usageFailure, parseFlags, parseInteger, UsageError, type Tool } from '../../tools/cli';
import { scenarios, type ScenarioName } from '../http-load';
import { defaultCacheRoot } from '../lambda-runtime/runtime-cache';
import { readProfile, selfTimeByGroup } from '../profile-summary';
import { bundlePeer } from './bundle-peers';
import { measureServers } from './measure-peers';
import { findPeerCache } from './peer-cache';
import { PEERS, peerPackages } from './versions';

const repoRoot = resolve(__dirname, '..', '..');
const TOOL: Tool = {
  usage: `Usage: npx tsx bench/peers/servers-only.ts [options]

Local mode (AWS, on disk) against serverless-offline (default and --useInProcess), same-run ratios.
  --runs <n>        rounds of load (default 3)
  --duration <s>    seconds of measured load per round (default 3)
  --warmup <s>      seconds of warm-up per round (default 1)
  --connections <n> concurrent connections (default 10)
  --scenario <name> ${scenarios.join(' or ')} (default both)
  --startup <n>     start-up rounds (default 0)
  --cpu-prof <dir>  local mode's main-thread V8 CPU profile into <dir>/local-durable, summarised (worker
                    threads are not profiled: they run without execArgv, bundled-worker.ts)
`,
};
const FLAGS = {
  runs: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  scenario: { type: 'string' },
  startup: { type: 'string' },
  'cpu-prof': { type: 'string' },
} as const;

/** Self time per group of each profile local mode wrote (its main thread; tsx may add one of its own). */
function summarise(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((file) => {
      const top = selfTimeByGroup(readProfile(join(dir, file)), repoRoot);
      const total = top.reduce((sum, t) => sum + t.ms, 0);
      const idle = top.find((t) => t.group === '(idle)')?.ms ?? 0;
      const lines = top
        .filter((t) => t.group !== '(idle)')
        .slice(0, 12)
        .map((t) => `    ${t.ms.toFixed(0).padStart(7)} ms  ${t.group}`);
      return `  ${file}: ${(total - idle).toFixed(0)} ms busy of ${total.toFixed(0)}\n${lines.join('\n')}`;
    })
    .join('\n');
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parseFlags<typeof FLAGS>>;
  const counts: Record<string, number> = {};
  try {
    values = parseFlags(process.argv.slice(2), FLAGS);
    if (values.scenario !== undefined && !(scenarios as readonly string[]).includes(values.scenario))
      throw new UsageError(`--scenario takes ${scenarios.join(' or ')}, not "${values.scenario}"`);
    const bounds = {
      runs: [3, 1, 20],
      startup: [0, 0, 20],
      connections: [10, 1, 500],
      duration: [3, 1, 60],
      warmup: [1, 0, 30],
    } as const;
    for (const [flag, [fallback, min, max]] of Object.entries(bounds)) {
      const raw = values[flag as keyof typeof bounds];
      counts[flag] = raw === undefined ? fallback : parseInteger(`--${flag}`, raw, { min, max });
    }
  } catch (error) {
    return usageFailure(TOOL, error);
  }
  if (values.help) return showHelp(TOOL);
  const int = (flag: string) => counts[flag]!;
  const peerNodeModules = findPeerCache(defaultCacheRoot(), peerPackages());
  if (!peerNodeModules) throw new Error('no peer cache: run `npm run bench -- --peers` once to install the peers');
  const middy = bundlePeer(PEERS.find((p) => p.entry === 'middy-api.mjs')!, peerNodeModules);
  const profileDir = values['cpu-prof'] && resolve(values['cpu-prof']);
  const result = await measureServers(
    repoRoot,
    peerNodeModules,
    middy,
    {
      runs: int('runs'),
      startupRounds: int('startup'),
      http: {
        connections: int('connections'),
        durationS: int('duration'),
        warmupS: int('warmup'),
        ...(values.scenario ? { scenarios: [values.scenario as ScenarioName] } : {}),
      },
      ...(profileDir ? { profileDir } : {}),
    },
    (line) => process.stderr.write(`${line}\n`),
  );
  const wanted = values.scenario ? [values.scenario as ScenarioName] : scenarios;
  for (const row of result.rows)
    for (const s of wanted)
      process.stdout.write(
        `${row.name} ${s}: ${row.requestsPerSec[s].map((r) => r.toFixed(0)).join('/')} req/s, CPU ms per response ${row.cpuMsPerResponse?.[s].map((c) => c.toFixed(2)).join('/') ?? '-'} (local mode's process ${row.localCpuMsPerResponse?.[s].map((c) => c.toFixed(2)).join('/') ?? '-'})\n`,
      );
  for (const r of result.ratios)
    process.stdout.write(
      `ours / ${r.peer}: ${scenarios.map((s) => `${s} ${r.requestsPerSec[s]?.toFixed(2) ?? '-'}×`).join(', ')}, start-up ${r.startup?.toFixed(2) ?? '-'}×\n`,
    );
  if (profileDir) process.stdout.write(`profiles:\n${summarise(join(profileDir, 'local-durable'))}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`servers-only failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
