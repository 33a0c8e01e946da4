// `compare --cold-starts N`: N forced cold starts per cloud, interleaved so both clouds meet the same
// conditions, each followed by one timed first request. Never more than N forces per cloud; a
// configuration error (credentials, permissions, names) ends the run at once; what was changed is
// always put back.
import { percentile, roundMs, sortedCopy } from '../stats';
import type { Cloud } from '../types';
import { ForcerConfigurationError, type ColdStartForcer } from './forcer';
import { COLD_START_REFERENCES } from './reference';

export const MAX_COLD_STARTS = 50;

export interface FirstRequest {
  status: number | undefined;
  ms: number;
  error?: string;
}

export interface Distribution {
  n: number;
  p50?: number;
  p90?: number;
  max?: number;
}

export interface CloudColdStarts {
  cloud: Cloud;
  target: string;
  /** Every first request, in order; failed ones carry their error. */
  samples: FirstRequest[];
  /** First-request latency over the samples that answered 2xx. */
  firstRequestMs: Distribution;
  /** The platform's own init figures (Lambda's Init Duration), where it reports them. */
  platformInitMs?: Distribution;
  /** Why a figure is missing or the restore failed. */
  notes: string[];
}

export interface ColdStartReport {
  count: number;
  clouds: CloudColdStarts[];
  references: typeof COLD_START_REFERENCES;
}

export function distribution(values: number[]): Distribution {
  const sorted = sortedCopy(values);
  if (sorted.length === 0) return { n: 0 };
  return {
    n: sorted.length,
    p50: roundMs(percentile(sorted, 50)),
    p90: roundMs(percentile(sorted, 90)),
    max: roundMs(sorted.at(-1)),
  };
}

/** GET /api/hello on a base URL, timed from the request to the whole body. */
export async function timedFirstRequest(baseUrl: string, timeoutMs: number): Promise<FirstRequest> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/hello?name=cold`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch (error) {
    return {
      status: undefined,
      ms: performance.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export async function runColdStarts(
  forcers: ColdStartForcer[],
  count: number,
  firstRequest: (cloud: Cloud) => Promise<FirstRequest>,
  progress: (line: string) => void = () => undefined,
): Promise<ColdStartReport> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_COLD_STARTS)
    throw new RangeError(`cold starts: 1..${MAX_COLD_STARTS}, not ${count}`);
  const since = new Date();
  const samples = new Map<Cloud, FirstRequest[]>(forcers.map((f) => [f.cloud, []]));
  const notes = new Map<Cloud, string[]>(forcers.map((f) => [f.cloud, []]));
  try {
    for (let attempt = 1; attempt <= count; attempt += 1) {
      for (const forcer of forcers) {
        progress(`cold start ${attempt}/${count}: ${forcer.target}`);
        try {
          await forcer.force(attempt);
        } catch (error) {
          if (error instanceof ForcerConfigurationError) throw error;
          samples
            .get(forcer.cloud)!
            .push({ status: undefined, ms: Number.NaN, error: `forcing failed: ${(error as Error).message}` });
          continue;
        }
        samples.get(forcer.cloud)!.push(await firstRequest(forcer.cloud));
      }
    }
  } finally {
    for (const forcer of forcers) {
      await forcer
        .restore()
        .catch((error: unknown) =>
          notes.get(forcer.cloud)!.push(`restoring ${forcer.target} failed: ${(error as Error).message}`),
        );
    }
  }
  const clouds: CloudColdStarts[] = [];
  for (const forcer of forcers) {
    const mine = samples.get(forcer.cloud)!;
    const ok = mine.filter((s) => s.status !== undefined && s.status >= 200 && s.status < 300).map((s) => s.ms);
    const result: CloudColdStarts = {
      cloud: forcer.cloud,
      target: forcer.target,
      samples: mine,
      firstRequestMs: distribution(ok),
      notes: notes.get(forcer.cloud)!,
    };
    if (forcer.initDurations) {
      const init = await forcer.initDurations(since, ok.length).catch((error: unknown) => {
        result.notes.push(`platform init figures unavailable: ${(error as Error).message}`);
        return [];
      });
      result.platformInitMs = distribution(init);
      if (init.length < ok.length) {
        result.notes.push(
          `${init.length} of ${ok.length} cold starts have a REPORT line with Init Duration (Lambda writes it at system log level INFO)`,
        );
      }
    }
    clouds.push(result);
  }
  return { count, clouds, references: COLD_START_REFERENCES };
}
