// `npm run bench -- --peers`: ours against the peers with the same handler work, as same-run ratios
// (ours / the peer's, per round, then the median). Bundles and cold calls: our AWS api bundle against
// express 5 + serverless-http and middy 7, same esbuild options, same cold process. HTTP and start-up:
// local mode's emulated AWS against serverless-offline (serverless 3) serving the middy handler on local
// mode's own DynamoDB, in its default mode and with --useInProcess.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAwsBundles } from '../../program/bundle';
import { awsNames } from '../../local/aws/start-aws';
import { startLocalIssuer } from '../../local/oidc/issuer';
import { requestToken } from '../../local/oidc/request-token';
import { LOCAL_AUDIENCE } from '../../local/oidc/settings';
import { trackTempDir } from '../interrupt';
import { measureUrl, scenarios, startTarget, type LoadOptions, type ScenarioName } from '../http-load';
import { processCpuMs } from '../process-cpu';
import { timedStart } from '../startup';
import { summarize, type Summary } from '../stats';
import { bundlePeer } from './bundle-peers';
import { measureColdCalls, type ColdCall, type ColdTarget } from './first-response';
import { installPeerCache } from './peer-cache';
import { medianOfRatios } from './ratios';
import { startServerlessOffline, writeService, type OfflineMode, type OfflineServer } from './serverless-offline';
import { measureRuntimeColdStarts, type RuntimeColdStarts } from './runtime-cold-starts';
import { PEERS, peerPackages } from './versions';
import { rotated } from '../rotated';

export const OURS = 'ours (aws-api)';
export const OURS_LOCAL = 'ours (local mode, AWS)';
/** Rounds at least: a median of fewer same-run ratios wobbles. */
export const PEER_MIN_RUNS = 5;
/** Cold calls take a fraction of a second each: four times the rounds, at least 20, steady the ratios on a busy machine. */
export const coldCallRounds = (runs: number) => Math.max(runs * 4, 20);
/** The bench's signed-in user (the token's `sub`). */
const BENCH_USER = 'bench';
const OFFLINE_MODES: readonly OfflineMode[] = ['default', 'in-process'];
export const offlineName = (mode: OfflineMode) => `serverless-offline${mode === 'in-process' ? ' --useInProcess' : ''}`;

export interface PeerRow {
  name: string;
  minifiedBytes: number;
  requireMs: Summary;
  firstResponseMs: Summary;
  /** require + first response: what the first caller after a cold start waits for beyond the runtime's own start. */
  requirePlusFirstMs: Summary;
}

export interface PeerRatio {
  peer: string;
  bundleSize: number;
  require: number | undefined;
  firstResponse: number | undefined;
  requirePlusFirst: number | undefined;
}

export interface ServerRow {
  name: string;
  /** req/s per scenario, every round. */
  requestsPerSec: Record<ScenarioName, number[]>;
  startMs: number[];
  /** CPU ms per response of local mode's and the peers' processes together, every round (Linux only). */
  cpuMsPerResponse?: Record<ScenarioName, number[]>;
  /** Of which local mode's process: for a peer, the store, stream and event work its writes cause there. */
  localCpuMsPerResponse?: Record<ScenarioName, number[]>;
}

export interface ServerRatio {
  peer: string;
  /** Ours / theirs, req/s: above 1 is ours faster. */
  requestsPerSec: Record<ScenarioName, number | undefined>;
  /** Ours / theirs, start-up ms: below 1 is ours faster. */
  startup: number | undefined;
  /** Ours / theirs, CPU ms per create-then-get response of both processes: below 1 is ours cheaper. */
  writeCpu?: number | undefined;
}

export interface PeersResult {
  /** Exact versions, name@version. */
  versions: string[];
  /** Rounds of the servers (start-up, load). */
  runs: number;
  /** Rounds of cold calls. */
  coldCallRounds: number;
  rows: PeerRow[];
  ratios: PeerRatio[];
  /** The same bundles cold-started on the Lambda runtime interface client (or why not). */
  runtime?: RuntimeColdStarts | { error: string };
  servers?: {
    http: LoadOptions;
    rows: ServerRow[];
    ratios: ServerRatio[];
    /** Whether local mode refused a write without a token: then both sides paid for token checks. */
    oursChecksTokens: boolean;
  };
}

/** Rows and ratios of the cold calls from the paired samples; pure, so it is unit-tested. */
export function coldCallReport(
  sizes: Map<string, number>,
  calls: Map<string, ColdCall[]>,
): Pick<PeersResult, 'rows' | 'ratios'> {
  const totals = (name: string) => calls.get(name)!.map((c) => c.requireMs + c.firstResponseMs);
  const ours = calls.get(OURS);
  if (!ours) throw new Error(`no samples of ${OURS}`);
  const rows = [...calls.entries()].map(([name, list]) => ({
    name,
    minifiedBytes: sizes.get(name)!,
    requireMs: summarize(list.map((c) => c.requireMs)),
    firstResponseMs: summarize(list.map((c) => c.firstResponseMs)),
    requirePlusFirstMs: summarize(totals(name)),
  }));
  const ratios = [...calls.keys()]
    .filter((name) => name !== OURS)
    .map((peer) => {
      const theirs = calls.get(peer)!;
      return {
        peer,
        bundleSize: sizes.get(OURS)! / sizes.get(peer)!,
        require: medianOfRatios(
          ours.map((c) => c.requireMs),
          theirs.map((c) => c.requireMs),
        ),
        firstResponse: medianOfRatios(
          ours.map((c) => c.firstResponseMs),
          theirs.map((c) => c.firstResponseMs),
        ),
        requirePlusFirst: medianOfRatios(totals(OURS), totals(peer)),
      };
    });
  return { rows, ratios };
}

/** Same-run ratios of local mode against each server peer; pure, so it is unit-tested. */
export function serverRatios(rows: readonly ServerRow[]): ServerRatio[] {
  const ours = rows.find((r) => r.name === OURS_LOCAL);
  if (!ours) throw new Error(`no samples of ${OURS_LOCAL}`);
  return rows
    .filter((r) => r !== ours)
    .map((peer) => ({
      peer: peer.name,
      requestsPerSec: Object.fromEntries(
        scenarios.map((s) => [s, medianOfRatios(ours.requestsPerSec[s], peer.requestsPerSec[s])]),
      ) as Record<ScenarioName, number | undefined>,
      startup: medianOfRatios(ours.startMs, peer.startMs),
      ...(ours.cpuMsPerResponse && peer.cpuMsPerResponse
        ? {
            writeCpu: medianOfRatios(
              ours.cpuMsPerResponse['create-then-get'],
              peer.cpuMsPerResponse['create-then-get'],
            ),
          }
        : {}),
    }));
}

/** One start of local mode on disk (as `npm start`), in a fresh empty data directory. */
async function startOnDisk(repoRoot: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-peers-start-'));
  const release = trackTempDir(dataDir);
  try {
    return await timedStart(repoRoot, ['--data-dir', dataDir]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    release();
  }
}

/** True when a write without a token is refused with 401 (local mode verifies tokens). */
async function refusesWithoutToken(url: string): Promise<boolean> {
  const response = await fetch(`${url}/api/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"title":"probe","body":""}',
  });
  await response.arrayBuffer();
  return response.status === 401;
}

/** Local mode's own issuer when it has one, else one started here; the peer trusts the same one. */
async function signIn(
  localIssuer: string | undefined,
): Promise<{ issuer: string; token: string; close: () => Promise<void> }> {
  const own = localIssuer === undefined ? await startLocalIssuer() : undefined;
  const issuer = localIssuer ?? own!.issuer;
  try {
    return { issuer, token: await requestToken(issuer, BENCH_USER), close: async () => own?.close() };
  } catch (error) {
    await own?.close();
    throw error;
  }
}

export interface ServerRunOptions {
  /** Rounds of load per server and scenario. */
  runs: number;
  http: LoadOptions;
  /** Rounds of start-up (default `runs`; 0 skips start-up, as a quick write iteration does). */
  startupRounds?: number;
  /** Write local mode's CPU profiles here (bench/peers/servers-only.ts --cpu-prof). */
  profileDir?: string;
}

export async function measureServers(
  repoRoot: string,
  peerNodeModules: string,
  middyJs: Buffer,
  options: ServerRunOptions,
  progress: (line: string) => void,
): Promise<NonNullable<PeersResult['servers']>> {
  const { runs, http } = options;
  const startupRounds = options.startupRounds ?? runs;
  const sdk = join(repoRoot, 'node_modules');
  const rows: ServerRow[] = [OURS_LOCAL, ...OFFLINE_MODES.map(offlineName)].map((name) => ({
    name,
    requestsPerSec: { hello: [], 'create-then-get': [] },
    startMs: [],
    cpuMsPerResponse: { hello: [], 'create-then-get': [] },
    localCpuMsPerResponse: { hello: [], 'create-then-get': [] },
  }));
  const row = (name: string) => rows.find((r) => r.name === name)!;
  // Durability on (as `npm start`): the issue compares writes that survive a crash.
  const local = await startTarget('local-durable', repoRoot, options.profileDir);
  const offline: OfflineServer[] = [];
  let closeIssuer = async () => {};
  try {
    const urls = local.urls as { aws: string; awsDynamoDb: string | undefined; issuer?: string };
    if (!urls.awsDynamoDb) throw new Error('local mode did not say where its DynamoDB is');
    const auth = await signIn(urls.issuer);
    closeIssuer = auth.close;
    // Every request carries the token: the peer verifies it on the notes routes, and so does ours once it signs in.
    const load: LoadOptions = { ...http, authorization: `Bearer ${auth.token}` };
    const oursChecksTokens = await refusesWithoutToken(urls.aws);
    const service = writeService(
      peerNodeModules,
      middyJs,
      {
        dynamoDbEndpoint: urls.awsDynamoDb,
        notesTable: awsNames.notesTable,
        activityTable: awsNames.activityTable,
        auth: { issuer: auth.issuer, audience: LOCAL_AUDIENCE },
      },
      sdk,
    );
    for (let i = 0; i < startupRounds; i += 1) {
      progress(`peers: start-up round ${i + 1}/${startupRounds}: local mode, serverless-offline ×2`);
      row(OURS_LOCAL).startMs.push(await startOnDisk(repoRoot));
      for (const mode of OFFLINE_MODES) {
        const server = await startServerlessOffline(peerNodeModules, service, mode, sdk);
        row(offlineName(mode)).startMs.push(server.readyMs);
        await server.stop();
      }
    }
    for (const mode of OFFLINE_MODES) offline.push(await startServerlessOffline(peerNodeModules, service, mode, sdk));
    // Both sides' work is in both processes (the peer's writes go through local mode's store and events).
    const cpuMs = () => [local.pid, ...offline.map((s) => s.pid)].map((pid) => pid && processCpuMs(pid));
    const targets = [
      { name: OURS_LOCAL, url: urls.aws },
      ...OFFLINE_MODES.map((mode, index) => ({ name: offlineName(mode), url: offline[index]!.url })),
    ];
    // One unmeasured pass over every server first: the first round would otherwise pay the shared
    // emulators' and JIT's warm-up alone (every later round has its own short warm-up).
    if (http.warmupS > 0)
      for (const scenario of http.scenarios ?? scenarios)
        for (const target of targets) {
          progress(`peers: warming up ${scenario} on ${target.name} (${http.warmupS} s)`);
          await measureUrl(target.url, scenario, { ...load, durationS: http.warmupS, warmupS: 0 });
        }
    for (let i = 0; i < runs; i += 1) {
      for (const scenario of http.scenarios ?? scenarios) {
        // Each round starts with the next server: none always gets the slot after the same other one.
        for (const target of rotated(targets, i)) {
          progress(`peers: http ${scenario} on ${target.name}, round ${i + 1}/${runs} (${http.durationS} s)`);
          const result = await measureUrl(target.url, scenario, { ...load, cpuMs });
          if (result.errors > 0 || result.non2xx > 0)
            throw new Error(`${target.name} ${scenario}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
          row(target.name).requestsPerSec[scenario].push(result.requestsPerSec);
          if (result.cpuMsPerResponse !== undefined) {
            row(target.name).cpuMsPerResponse?.[scenario].push(result.cpuMsPerResponse.reduce((a, b) => a + b, 0));
            row(target.name).localCpuMsPerResponse?.[scenario].push(result.cpuMsPerResponse[0]!);
          }
        }
      }
    }
    return { http, rows, ratios: serverRatios(rows), oursChecksTokens };
  } finally {
    await Promise.all([local.stop(), ...offline.map((s) => s.stop())]);
    await closeIssuer();
  }
}

export async function measurePeers(
  repoRoot: string,
  cacheRoot: string,
  options: { runs: number; http: LoadOptions },
  progress: (line: string) => void,
): Promise<PeersResult> {
  const packages = peerPackages();
  const peerNodeModules = await installPeerCache(cacheRoot, packages, progress);
  progress('peers: bundling ours and theirs');
  const targets: ColdTarget[] = [
    { name: OURS, bundle: buildAwsBundles().api },
    ...PEERS.map((peer) => ({
      name: peer.name,
      bundle: { files: { 'index.js': bundlePeer(peer, peerNodeModules) }, hash: peer.name },
    })),
  ];
  const sizes = new Map(targets.map((t) => [t.name, t.bundle.files['index.js']!.length]));
  const calls = await measureColdCalls(targets, coldCallRounds(options.runs), join(repoRoot, 'node_modules'), progress);
  // The runtime client is a native build installed once (minutes): a failure costs only this table.
  const runtime = await measureRuntimeColdStarts(repoRoot, cacheRoot, targets, options.runs, progress).catch(
    (error: unknown) => ({ error: error instanceof Error ? error.message.split('\n')[0]! : String(error) }),
  );
  const middy = targets.find((t) => t.name === MIDDY)!.bundle.files['index.js']!;
  const servers = await measureServers(repoRoot, peerNodeModules, middy, options, progress);
  return {
    versions: packages,
    runs: options.runs,
    coldCallRounds: coldCallRounds(options.runs),
    ...coldCallReport(sizes, calls),
    runtime,
    servers,
  };
}

const MIDDY = PEERS.find((p) => p.entry === 'middy-api.mjs')!.name;
