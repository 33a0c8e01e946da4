// Requests/s and latency of the same app through each emulated cloud, against the bare router as floor.
// The server runs in a child process (bench/serve-target.ts); autocannon runs here, on loopback only,
// with a fixed number of connections for a fixed time.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { ServedUrls, ServeKind } from './serve-target';
import { requestToken } from '../local/oidc/request-token';
import { quantile, ratio } from './stats';

export type TargetName = 'floor' | 'local-aws' | 'local-azure' | 'local-aws-durable' | 'local-azure-durable';

/** Local mode on disk, as `npm start` runs it: every write and change fsync'd before its answer. */
export const durableTargets: readonly TargetName[] = ['local-aws-durable', 'local-azure-durable'];
/** The durable targets run the write scenario only: `hello` touches no store, so it is the in-memory figure. */
const durableScenarios: readonly ScenarioName[] = ['create-then-get'];
export type ScenarioName = 'hello' | 'create-then-get';

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Write each server's V8 CPU profile here (off by default: profiling slows the servers down). */
  profileDir?: string;
  /** Defaults to every scenario. */
  scenarios?: readonly ScenarioName[];
  /** Sent as `Authorization` with every request (a Bearer token for the notes routes). */
  authorization?: string;
  /** CPU ms used so far by each server process doing the work: read around the measured run (not the warm-up). */
  cpuMs?: () => (number | undefined)[];
}

export interface LoadResult {
  target: TargetName;
  scenario: ScenarioName;
  requestsPerSec: number;
  /** From every 2xx response's own time (float ms), not autocannon's whole-millisecond histogram. */
  p50Ms: number;
  p99Ms: number;
  /** p50 per 2xx status: in create-then-get, 201 is the create and 200 the read. */
  p50ByStatusMs: Record<string, number>;
  /** CPU ms each server process used per response during the measured run, when `cpuMs` was given. */
  cpuMsPerResponse?: number[];
  responses: number;
  errors: number;
  non2xx: number;
}

export interface Overhead {
  target: TargetName;
  scenario: ScenarioName;
  /** Adapter p50 / floor p50: how many times slower the median request is. */
  p50Ratio: number | undefined;
  /** Floor req/s / adapter req/s: how many times fewer requests it serves. */
  throughputRatio: number | undefined;
}

export interface RunningTarget {
  urls: ServedUrls;
  /** The server's process (its CPU time is the cost of what it served). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export function startTarget(kind: ServeKind, repoRoot: string, profileDir: string | undefined): Promise<RunningTarget> {
  // --cpu-prof writes the server's profile when it exits: where a missed overhead budget is explained.
  // One directory per server; tsx's loader thread writes a profile of its own there too.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, kind)] : [];
  const child: ChildProcess = fork(join(repoRoot, 'bench/serve-target.ts'), [kind], {
    cwd: repoRoot,
    execArgv: [...profile, '--import', 'tsx'],
    // Whatever a server prints is not the bench's business; only its IPC message is.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.send('stop');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve-target ${kind} did not start within 60 s\n${stderr}`));
    }, 60_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve({ urls: (message as { urls: ServedUrls }).urls, pid: child.pid, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-target ${kind} exited with ${String(code)} before it was up\n${stderr}`));
    });
  });
}

const noteBody = JSON.stringify({ title: 'bench note', body: 'x'.repeat(200) });

function requestsFor(scenario: ScenarioName, authorization: string | undefined): autocannon.Request[] {
  const auth: Record<string, string> = authorization === undefined ? {} : { authorization };
  if (scenario === 'hello') return [{ method: 'GET', path: '/api/hello?name=bench' }];
  // A sequence per connection: create, remember the id, read it back.
  return [
    {
      method: 'POST',
      path: '/api/notes',
      headers: { 'content-type': 'application/json', ...auth },
      body: noteBody,
      onResponse: (status, body, context) => {
        context.id = status === 201 ? (JSON.parse(body) as { id: string }).id : undefined;
      },
    },
    {
      method: 'GET',
      headers: auth,
      // A failed create resets the sequence instead of asking for a note that does not exist.
      setupRequest: (request, context) =>
        typeof context.id === 'string' ? { ...request, path: `/api/notes/${context.id}` } : undefined,
    },
  ];
}

function load(
  url: string,
  scenario: ScenarioName,
  connections: number,
  durationS: number,
  authorization: string | undefined,
): Promise<{ result: autocannon.Result; times: number[]; byStatus: Map<number, number[]> }> {
  const times: number[] = [];
  const byStatus = new Map<number, number[]>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: durationS, timeout: 10, requests: requestsFor(scenario, authorization) },
      (error, result) => (error ? reject(error) : resolve({ result, times, byStatus })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      times.push(responseTime);
      const list = byStatus.get(statusCode) ?? [];
      list.push(responseTime);
      byStatus.set(statusCode, list);
    });
  });
}

async function measure(
  target: TargetName,
  url: string,
  scenario: ScenarioName,
  options: LoadOptions,
): Promise<LoadResult> {
  return { target, ...(await measureUrl(url, scenario, options)) };
}

/** One warm-up and one measured run of a scenario against any server (the peers' too). */
export async function measureUrl(
  url: string,
  scenario: ScenarioName,
  options: LoadOptions,
): Promise<Omit<LoadResult, 'target'>> {
  // Warm-up: JIT, connection pools and the emulators' first table/container accesses.
  if (options.warmupS > 0) await load(url, scenario, options.connections, options.warmupS, options.authorization);
  const cpuBefore = options.cpuMs?.();
  const { result, times, byStatus } = await load(
    url,
    scenario,
    options.connections,
    options.durationS,
    options.authorization,
  );
  const cpuAfter = options.cpuMs?.();
  const ok = times.length > 0;
  const perResponse = cpuAfter?.map((after, i) => {
    const before = cpuBefore?.[i];
    return after === undefined || before === undefined ? Number.NaN : (after - before) / result.requests.total;
  });
  const cpu = perResponse !== undefined && result.requests.total > 0 && perResponse.every(Number.isFinite);
  return {
    ...(cpu ? { cpuMsPerResponse: perResponse } : {}),
    scenario,
    requestsPerSec: result.requests.average,
    p50Ms: ok ? quantile(times, 0.5) : Number.NaN,
    p99Ms: ok ? quantile(times, 0.99) : Number.NaN,
    p50ByStatusMs: Object.fromEntries(
      [...byStatus.entries()].map(([status, list]) => [String(status), quantile(list, 0.5)]),
    ),
    responses: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export const scenarios: readonly ScenarioName[] = ['hello', 'create-then-get'];

/** Floor, then each emulated cloud (in memory, then on disk for writes), per scenario; one warm-up and one measured run each. */
export async function measureHttp(
  repoRoot: string,
  options: LoadOptions,
  progress: (line: string) => void,
): Promise<{ results: LoadResult[]; overheads: Overhead[] }> {
  const wanted = options.scenarios ?? scenarios;
  const started: RunningTarget[] = [];
  try {
    const start = async (kind: ServeKind) => {
      const target = await startTarget(kind, repoRoot, options.profileDir);
      started.push(target);
      return target.urls;
    };
    type LocalUrls = { aws: string; azure: string; issuer?: string };
    const floor = (await start('floor')) as { floor: string };
    const local = (await start('local')) as LocalUrls;
    const durable = wanted.some((s) => durableScenarios.includes(s))
      ? ((await start('local-durable')) as LocalUrls)
      : undefined;
    // Local mode checks sign-in as `npm start` does: each instance's writes carry a token its issuer signed.
    const signedIn = async (urls: LocalUrls | undefined) =>
      urls?.issuer === undefined ? undefined : `Bearer ${await requestToken(urls.issuer, 'bench')}`;
    const authorization: Partial<Record<TargetName, string>> = {};
    authorization['local-aws'] = authorization['local-azure'] = await signedIn(local);
    authorization['local-aws-durable'] = authorization['local-azure-durable'] = await signedIn(durable);
    const urls: Partial<Record<TargetName, string>> = {
      floor: floor.floor,
      'local-aws': local.aws,
      'local-azure': local.azure,
      'local-aws-durable': durable?.aws,
      'local-azure-durable': durable?.azure,
    };
    const results: LoadResult[] = [];
    for (const scenario of wanted) {
      for (const target of ['floor', 'local-aws', 'local-azure', ...durableTargets] as const) {
        const url = urls[target];
        if (url === undefined || (durableTargets.includes(target) && !durableScenarios.includes(scenario))) continue;
        progress(`http ${scenario} on ${target} (${options.durationS} s)`);
        results.push(await measure(target, url, scenario, { ...options, authorization: authorization[target] }));
      }
    }
    return { results, overheads: overheadsOf(results) };
  } finally {
    await Promise.all(started.map((target) => target.stop()));
  }
}

export function overheadsOf(results: readonly LoadResult[]): Overhead[] {
  const overheads: Overhead[] = [];
  for (const r of results) {
    if (r.target === 'floor') continue;
    const floor = results.find((f) => f.target === 'floor' && f.scenario === r.scenario);
    overheads.push({
      target: r.target,
      scenario: r.scenario,
      p50Ratio: floor ? ratio(r.p50Ms, floor.p50Ms) : undefined,
      throughputRatio: floor ? ratio(floor.requestsPerSec, r.requestsPerSec) : undefined,
    });
  }
  return overheads;
}
