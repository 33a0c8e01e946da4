// The latency run and the percentile maths: the first request apart, errors counted by kind, and
// failing under load on one cloud only named as a difference.
import { compareClouds } from '../../compare/compare';
import { createClient } from '../../compare/http-client';
import { latencyRun } from '../../compare/latency-run';
import { percentile, sortedCopy } from '../../compare/stats';
import { startCoreServer, startPair } from './core-server';

test('nearest-rank percentiles are measured values', () => {
  const sorted = sortedCopy([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
  expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([
    5, 10, 10, 10,
  ]);
  expect(percentile([7], 50)).toBe(7);
  expect(percentile([], 50)).toBeUndefined();
});

test('N requests at a concurrency: every request sent once, the first kept apart, errors by kind', async () => {
  let n = 0;
  const server = await startCoreServer('local-aws', {
    // Every fourth read fails, as a throttled front door would.
    transform: (request, response) =>
      request.method === 'GET' && ++n % 4 === 0 ? new Response(null, { status: 503 }) : response,
  });
  try {
    let done = 0;
    const summary = await latencyRun(createClient(server.url, 5000), {
      requests: 20,
      concurrency: 3,
      onDone: () => (done += 1),
    });
    expect(done).toBe(20);
    expect(server.seen).toHaveLength(20);
    expect(summary.errors).toBe(5);
    expect(summary.errorKinds).toEqual({ 503: 5 });
    expect(summary.firstMs).toBeDefined();
    expect(summary.samplesMs).toHaveLength(14); // 20 - first - 5 errors
  } finally {
    await server.close();
  }
});

test('one cloud failing under load is a named difference', async () => {
  const pair = await startPair({
    transform: (request, response) =>
      new URL(request.url).search === '?limit=1'
        ? new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } })
        : response,
  });
  try {
    const report = await compareClouds(
      { kind: 'flags', detail: 'test', urls: { aws: pair.aws.url, azure: pair.azure.url } },
      { requests: 10, concurrency: 2, timeoutMs: 5000, eventTimeoutMs: 3000, eventNotes: 1, skipLatency: false },
    );
    expect(report.differences).toEqual([
      { step: 'latency-run', path: 'errors', aws: 'no errors', azure: '10 errors (503×10)' },
    ]);
    expect(report.latency!.azure.p50).toBeUndefined();
  } finally {
    await pair.close();
  }
});
