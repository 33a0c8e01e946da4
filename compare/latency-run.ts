// N identical reads per cloud at a fixed concurrency. The first request is sent alone and reported
// apart (cold start, new connection); the percentiles come from the rest.
import type { CloudClient } from './http-client';
import { percentile, roundMs, sortedCopy } from './stats';
import type { Exchange, LatencySummary } from './types';

/** A store read that needs no setup and leaves nothing behind, identical on both clouds. */
export const LATENCY_REQUEST = { method: 'GET', path: '/api/notes?limit=1' } as const;

export interface LatencyRunOptions {
  requests: number;
  concurrency: number;
  onDone?: () => void;
}

function errorKind(exchange: Exchange): string | undefined {
  if (exchange.error !== undefined) return exchange.error;
  if (exchange.status === undefined || exchange.status < 200 || exchange.status > 299) return String(exchange.status);
  return undefined;
}

export async function latencyRun(client: CloudClient, options: LatencyRunOptions): Promise<LatencySummary> {
  const errorKinds: Record<string, number> = {};
  const samplesMs: number[] = [];
  const record = (exchange: Exchange) => {
    const kind = errorKind(exchange);
    if (kind !== undefined) errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    options.onDone?.();
    return kind === undefined;
  };

  const first = await client.send(LATENCY_REQUEST);
  const firstOk = record(first);

  let remaining = options.requests - 1;
  const worker = async () => {
    while (remaining > 0) {
      remaining -= 1;
      const exchange = await client.send(LATENCY_REQUEST);
      if (record(exchange)) samplesMs.push(roundMs(exchange.latencyMs)!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests - 1) }, worker));

  const sorted = sortedCopy(samplesMs);
  return {
    requests: options.requests,
    firstMs: firstOk ? roundMs(first.latencyMs) : undefined,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    errors: Object.values(errorKinds).reduce((sum, n) => sum + n, 0),
    errorKinds,
    samplesMs,
  };
}
