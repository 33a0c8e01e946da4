// The two steps that wait for the cloud to catch up: a list that shows this run's notes (DynamoDB's
// index is eventually consistent), and the activity that shows a note's events.
import type { CloudClient } from './http-client';
import { pollUntil } from './poll';
import type { Step } from './step';
import type { Exchange, StepOutcome } from './types';

const PAGE_LIMIT = 2;
// Stops a store with thousands of leftover notes (or a cursor that loops) from running forever.
const MAX_PAGES = 500;

interface ListedNote {
  id: string;
  title: unknown;
  body: unknown;
  version: unknown;
}

interface ListWalk extends StepOutcome {
  pages: number;
  items: ListedNote[];
  pageSizes: number[];
  truncated: boolean;
}

/** Every page of GET /api/notes?limit=2, following nextCursor; stops at the first failed page. */
async function walkList(client: CloudClient): Promise<ListWalk> {
  const items: ListedNote[] = [];
  const pageSizes: number[] = [];
  let latencyMs = 0;
  let cursor: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = `limit=${PAGE_LIMIT}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const exchange = await client.send({ method: 'GET', path: `/api/notes?${query}` });
    latencyMs += exchange.latencyMs;
    const body = exchange.body as { items?: unknown; nextCursor?: unknown } | undefined;
    if (exchange.status !== 200 || !Array.isArray(body?.items)) {
      return { ...exchange, latencyMs, pages: page, items, pageSizes, truncated: false, note: `page ${page} failed` };
    }
    // A malformed item must show up as a difference, not crash the walk.
    items.push(...body.items.map((item: unknown) => (item && typeof item === 'object' ? (item as ListedNote) : ({} as ListedNote))));
    pageSizes.push(body.items.length);
    cursor = typeof body.nextCursor === 'string' ? body.nextCursor : undefined;
    if (cursor === undefined) return { ...exchange, latencyMs, pages: page, items, pageSizes, truncated: false };
  }
  return { status: 200, headers: {}, body: undefined, latencyMs, pages: MAX_PAGES, items, pageSizes, truncated: true };
}

export const listFollowCursorStep: Step = {
  name: 'list-follow-cursor',
  description: `GET /api/notes?limit=${PAGE_LIMIT}, following nextCursor to the end`,
  concurrent: true,
  async run(client, state, env): Promise<StepOutcome> {
    const ours = ['note-1', 'note-2', 'note-3'].map((role) => state.idOf(role));
    const result = await pollUntil(
      () => walkList(client),
      (walk) => walk.status === 200 && walk.note === undefined && ours.every((id) => walk.items.some((n) => n.id === id)),
      env.eventTimeoutMs,
      250,
    );
    const walk = result.last;
    if (walk.note !== undefined || walk.status === undefined) {
      const { status, headers, body, latencyMs, error, note } = walk;
      return { status, headers, body, latencyMs, ...(error === undefined ? {} : { error }), ...(note === undefined ? {} : { note }) };
    }
    const ids = walk.items.map((n) => n.id);
    const summary = {
      notesOfThisRun: walk.items
        .filter((n) => ours.includes(n.id))
        .map(({ id, title, body, version }) => ({ id, title, body, version })),
      everyPageWithinLimit: walk.pageSizes.every((size) => size <= PAGE_LIMIT),
      idsAscending: ids.every((id, i) => i === 0 || ids[i - 1]! < id),
      noDuplicates: new Set(ids).size === ids.length,
    };
    const outcome: StepOutcome = { status: walk.status, headers: walk.headers, body: summary, latencyMs: walk.latencyMs };
    if (walk.truncated) outcome.note = `stopped after ${MAX_PAGES} pages`;
    else if (!result.done) outcome.note = `this run's notes were not all listed after ${env.eventTimeoutMs} ms`;
    return outcome;
  },
};

const EVENT_TYPES = ['created', 'updated', 'deleted'].map((kind) => `com.example.note.${kind}`);

function typesIn(exchange: Exchange): string[] {
  const items = (exchange.body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items.map((item) => (item as { type?: unknown } | null)?.type).filter((t) => typeof t === 'string') : [];
}

export const eventsStep: Step = {
  name: 'events',
  description: 'GET /api/notes/{id}/activity until created, updated and deleted arrive',
  concurrent: true,
  async run(client, state, env): Promise<StepOutcome> {
    const path = `/api/notes/${state.idOf('note-1')}/activity`;
    const result = await pollUntil(
      () => client.send({ method: 'GET', path }),
      (exchange) => exchange.status === 200 && EVENT_TYPES.every((type) => typesIn(exchange).includes(type)),
      env.eventTimeoutMs,
    );
    if (result.done || result.last.status === undefined) return result.last;
    const missing = EVENT_TYPES.filter((type) => !typesIn(result.last).includes(type));
    return { ...result.last, note: `after ${env.eventTimeoutMs} ms still missing: ${missing.join(', ') || 'a 200'}` };
  },
};
