// Before any write: GET /api/health on each URL must answer as the contract says, from the cloud the URL
// is meant to be. Otherwise one line per cloud says what was found. With --wait-ready, polls with
// bounded exponential backoff until both are ready or the time is up (after a `pulumi up`, role
// assignments and first cold starts take minutes, answering 503 or refusing connections meanwhile).
import { JSON_MEDIA_TYPE } from '../handlers/core/json-body';
import { HEALTHY } from '../handlers/core/present';
import { HealthSchema } from '../handlers/core/response-schemas';
import { judge } from './contract-judge';
import { PreflightError } from './errors';
import { json } from './expectation';
import { type CloudClient, sleep } from './http-client';
import { CLOUDS, type Cloud, type Exchange } from './types';

export const HEALTH_PATH = '/api/health';
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

export interface Readiness {
  /** Latency of the answer that showed the cloud ready (the first contact without --wait-ready). */
  latencyMs: number;
  attempts: number;
}

/** Why `health` shows that `client` is not the ready notes API of `cloud`; undefined when it is. */
export function diagnose(cloud: Cloud, baseUrl: string, health: Exchange): string | undefined {
  const at = `${cloud} ${baseUrl}: GET ${HEALTH_PATH}`;
  if (health.status === undefined) return `${at} got no answer (${health.error}): not running or not ready yet`;
  if (health.status === 404) {
    const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
    return path.endsWith('/api')
      ? `${at} answered 404: wrong base path, the URL must not end in /api (compare adds it): try ${baseUrl.slice(0, -'/api'.length)}`
      : `${at} answered 404: wrong base path? nothing answers ${path}${HEALTH_PATH}; give the deployment's base URL`;
  }
  if (health.status >= 500) {
    return `${at} answered ${health.status}: not ready (store or role assignments not answering yet; --wait-ready waits)`;
  }
  const broken = judge('preflight', cloud, health, json(200, HealthSchema));
  if (broken.length === 0) return undefined;
  if (health.status !== 200) return `${at} answered ${health.status}: another service, or a front door refusing`;
  const servedBy = broken.find((v) => v.rule === 'header:x-served-by');
  if (servedBy && broken.length === 1) {
    return `${at} has x-served-by ${servedBy.found}, expected ${servedBy.expected}: is this the ${cloud} URL?`;
  }
  const found = `${health.headers['content-type'] ?? 'untyped'} ${JSON.stringify(health.body) ?? 'no body'}`;
  return `${at} answered 200 but not ${JSON_MEDIA_TYPE} ${JSON.stringify(HEALTHY)}: another service (found ${found.slice(0, 120)})`;
}

/** Preflight on both clouds, once or (with `waitReadyMs`) until both are ready; PreflightError otherwise. */
export async function preflight(
  clients: Record<Cloud, CloudClient>,
  waitReadyMs?: number,
  /** Told each time the preflight waits, with what it found (so a CI log shows why it waits). */
  onWait: (line: string) => void = () => {},
): Promise<Record<Cloud, Readiness>> {
  const started = performance.now();
  const ready: Partial<Record<Cloud, Readiness>> = {};
  const attempts: Record<Cloud, number> = { aws: 0, azure: 0 };
  let backoffMs = FIRST_BACKOFF_MS;
  for (;;) {
    const problems: string[] = [];
    // One cloud after the other, as the scenario does, so neither's first contact is timed under the other's load.
    for (const cloud of CLOUDS.filter((c) => ready[c] === undefined)) {
      attempts[cloud] += 1;
      const health = await clients[cloud].send({ method: 'GET', path: HEALTH_PATH });
      const problem = diagnose(cloud, clients[cloud].baseUrl, health);
      if (problem === undefined)
        ready[cloud] = { latencyMs: Math.round(health.latencyMs * 10) / 10, attempts: attempts[cloud] };
      else problems.push(problem);
    }
    if (problems.length === 0) return ready as Record<Cloud, Readiness>;
    const left = (waitReadyMs ?? 0) - (performance.now() - started);
    if (waitReadyMs === undefined || left <= 0) {
      const waited =
        waitReadyMs === undefined ? '' : `still not ready after --wait-ready ${Math.round(waitReadyMs / 1000)} s: `;
      throw new PreflightError(problems.map((p) => `${waited}${p}`));
    }
    const pauseMs = Math.min(backoffMs, left);
    for (const problem of problems) onWait(`${problem}; next try in ${(pauseMs / 1000).toFixed(1)} s`);
    await sleep(pauseMs);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}
