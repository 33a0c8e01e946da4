// Event delivery latency: from a create's 201 (the write committed) until note.created shows in the
// note's activity, over a few notes, one at a time. Resolution is the poll interval.
import type { CloudClient } from './http-client';
import { POLL_INTERVAL_MS, pollUntil } from './poll';
import { percentile, roundMs, sortedCopy } from './stats';
import type { EventLatencySummary, Exchange } from './types';

function hasCreatedEvent(exchange: Exchange): boolean {
  const items = (exchange.body as { items?: unknown } | undefined)?.items;
  return (
    exchange.status === 200 &&
    Array.isArray(items) &&
    items.some((item) => (item as { type?: unknown } | null)?.type === 'com.example.note.created')
  );
}

export async function eventLatencyRun(
  client: CloudClient,
  cloud: string,
  options: { notes: number; eventTimeoutMs: number; onDone?: () => void },
): Promise<{ summary: EventLatencySummary; warnings: string[] }> {
  const samplesMs: Array<number | null> = [];
  const warnings: string[] = [];
  for (let i = 1; i <= options.notes; i++) {
    const created = await client.send({
      method: 'POST',
      path: '/api/notes',
      body: { title: `compare: event latency ${i}`, body: 'Measures write → event delivery.' },
    });
    const id = (created.body as { id?: unknown } | undefined)?.id;
    if (created.status !== 201 || typeof id !== 'string') {
      warnings.push(`${cloud}: event latency note ${i} was not created (${created.error ?? created.status})`);
      samplesMs.push(null);
      options.onDone?.();
      continue;
    }
    const committedAt = performance.now();
    const result = await pollUntil(
      () => client.send({ method: 'GET', path: `/api/notes/${id}/activity` }),
      hasCreatedEvent,
      options.eventTimeoutMs,
      POLL_INTERVAL_MS,
    );
    samplesMs.push(result.done ? roundMs(performance.now() - committedAt)! : null);
    options.onDone?.();
    const removed = await client.send({ method: 'DELETE', path: `/api/notes/${id}` });
    if (removed.status !== 204 && removed.status !== 404) {
      warnings.push(`${cloud}: could not delete note ${id} (${removed.error ?? removed.status}); delete it by hand`);
    }
  }
  const delivered = sortedCopy(samplesMs.filter((ms): ms is number => ms !== null));
  return {
    summary: {
      notes: options.notes,
      samplesMs,
      p50: percentile(delivered, 50),
      max: delivered[delivered.length - 1],
      undelivered: samplesMs.filter((ms) => ms === null).length,
    },
    warnings,
  };
}
