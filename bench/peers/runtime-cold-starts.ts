// Ours and the peers cold-started the Lambda way: each bundle in a fresh process of AWS's runtime interface
// client (bench/lambda-init.ts), answering a first GET /api/hello; lambda-perf's hello world alongside as the
// floor. Init (until the runtime first asks for work), the first invocation (from there to its answer) and
// first response (start to the first answer) are Lambda's own split; "above the floor" is what a function's code adds to the cold start of one that loads
// nothing, paired round by round.
import { coldStartsOnRuntime, HELLO_WORLD_TARGET, MIN_INIT_RUNS, type RuntimeTarget } from '../lambda-init';
import { firstInvocation } from '../lambda-runtime/first-invocations';
import { RIC_VERSION } from '../lambda-runtime/runtime-cache';
import { summarize, type Summary } from '../stats';
import type { ColdTarget } from './first-response';
import { PEER_REQUEST_LOG } from './handlers/peer-log-setting';
import { medianOfRatios } from './ratios';

export interface RuntimeColdRow {
  name: string;
  initMs: Summary;
  /** First response minus init: the first invocation's own time, Lambda's Duration of the cold call. */
  invokeMs: Summary;
  firstResponseMs: Summary;
  /** First response minus the same round's hello world: what the function's code costs. */
  aboveFloorMs: Summary;
}

export interface RuntimeColdRatio {
  peer: string;
  init: number | undefined;
  invoke: number | undefined;
  firstResponse: number | undefined;
  aboveFloor: number | undefined;
}

export interface RuntimeColdStarts {
  ric: string;
  rounds: number;
  rows: RuntimeColdRow[];
  ratios: RuntimeColdRatio[];
}

export interface RuntimeSamplesByName {
  name: string;
  initMs: number[];
  firstResponseMs: number[];
}

/** Rows and ratios (ours / each peer's, per round) from the samples, the floor's first; pure, so it is unit-tested. */
export function runtimeColdReport(
  floor: RuntimeSamplesByName,
  ours: RuntimeSamplesByName,
  peers: readonly RuntimeSamplesByName[],
): Pick<RuntimeColdStarts, 'rows' | 'ratios'> {
  const above = (s: RuntimeSamplesByName) => s.firstResponseMs.map((ms, i) => ms - floor.firstResponseMs[i]!);
  const invoke = (s: RuntimeSamplesByName) => s.firstResponseMs.map((ms, i) => ms - s.initMs[i]!);
  const row = (s: RuntimeSamplesByName): RuntimeColdRow => ({
    name: s.name,
    initMs: summarize(s.initMs),
    invokeMs: summarize(invoke(s)),
    firstResponseMs: summarize(s.firstResponseMs),
    aboveFloorMs: summarize(above(s)),
  });
  return {
    rows: [row(ours), ...peers.map(row)],
    ratios: peers.map((peer) => ({
      peer: peer.name,
      init: medianOfRatios(ours.initMs, peer.initMs),
      invoke: medianOfRatios(invoke(ours), invoke(peer)),
      firstResponse: medianOfRatios(ours.firstResponseMs, peer.firstResponseMs),
      aboveFloor: medianOfRatios(above(ours), above(peer)),
    })),
  };
}

/** `targets[0]` is ours; all run without NODE_OPTIONS, the peers with their request line on, as ours logs. */
export async function measureRuntimeColdStarts(
  repoRoot: string,
  cacheRoot: string,
  targets: readonly ColdTarget[],
  runs: number,
  progress: (line: string) => void,
): Promise<RuntimeColdStarts> {
  const rounds = Math.max(runs, MIN_INIT_RUNS);
  const runtimeTargets: RuntimeTarget[] = [
    HELLO_WORLD_TARGET,
    ...targets.map((target, index) => ({
      name: target.name,
      nodeOptions: '',
      bundle: target.bundle,
      invocation: (tables: { notes: string }) => firstInvocation('api', tables),
      ...(index === 0 ? {} : { env: { [PEER_REQUEST_LOG]: 'console' } }),
    })),
  ];
  const samples = await coldStartsOnRuntime(repoRoot, cacheRoot, runtimeTargets, rounds, (line) =>
    progress(`peers: ${line}`),
  );
  const named = runtimeTargets.map((t, i) => ({ name: t.name, ...samples[i]! }));
  return { ric: RIC_VERSION, rounds, ...runtimeColdReport(named[0]!, named[1]!, named.slice(2)) };
}
