// Event delivery latency: from a create's 201 (the write committed) until note.created shows in the
// note's activity (as the contract makes it), over a few notes, one at a time. Resolution is the poll interval.
import * as v from 'valibot';
import { isNoteId } from '../handlers/core/ids';
import type { Note } from '../handlers/core/ports';
import { activityShape } from './expected-activity';
import type { CloudClient } from './http-client';
import { POLL_INTERVAL_MS, pollUntil } from './poll';
import type { SeenWrite } from './scenario-state';
import { percentile, roundMs, sortedCopy } from './stats';
import type { EventLatencySummary, Exchange } from './types';

/** The note's activity holds its created event as the contract makes it (not just any item). */
function hasCreatedEvent(exchange: Exchange, created: SeenWrite): boolean {
  const items = (exchange.body as { items?: unknown } | undefined)?.items;
  const shape = activityShape(created);
  return exchange.status === 200 && Array.isArray(items) && items.some((item) => v.is(shape, item));
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
    if (created.status !== 201 || !isNoteId(id)) {
      warnings.push(`${cloud}: event latency note ${i} was not created (${created.error ?? created.status})`);
      samplesMs.push(null);
      options.onDone?.();
      continue;
    }
    const committedAt = performance.now();
    const result = await pollUntil(
      () => client.send({ method: 'GET', path: `/api/notes/${id}/activity` }),
      (exchange) => hasCreatedEvent(exchange, { role: `latency-${i}`, kind: 'created', note: created.body as Note }),
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
