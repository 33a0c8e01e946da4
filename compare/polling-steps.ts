// The two steps that wait for the cloud to catch up: a list that shows this run's notes (DynamoDB's
// index is eventually consistent), and the activity that shows every write's event.
import * as v from 'valibot';
import { NotePageSchema } from '../handlers/core/response-schemas';
import { activityOfWrites, expectedActivity } from './expected-activity';
import { json } from './expectation';
import type { CloudClient } from './http-client';
import { pollUntil } from './poll';
import type { CloudState, SeenWrite } from './scenario-state';
import type { Step } from './step';
import type { Exchange, StepOutcome } from './types';

export const PAGE_LIMIT = 2;
// Stops a store with thousands of leftover notes (or a cursor that loops) from running forever.
const MAX_PAGES = 500;

interface ListedNote {
  id: string;
  title: unknown;
  body: unknown;
  version: unknown;
}

export interface ListWalk extends StepOutcome {
  pages: number;
  items: ListedNote[];
  pageSizes: number[];
  truncated: boolean;
}

/** The walk as a step's outcome (without its pages and items), with `body` in place of the last page's. */
export function walkOutcome(walk: ListWalk, body: unknown = walk.body): StepOutcome {
  const { status, headers, latencyMs, error, note } = walk;
  return {
    status,
    headers,
    body,
    latencyMs,
    ...(error === undefined ? {} : { error }),
    ...(note === undefined ? {} : { note }),
  };
}

/** Every page of GET /api/notes?limit=2, following nextCursor; stops at the first failed page.
 *  `authorization`: another user's (compare/owner-steps.ts); undefined: the client's own. */
export async function walkList(client: CloudClient, authorization?: string): Promise<ListWalk> {
  const items: ListedNote[] = [];
  const pageSizes: number[] = [];
  let latencyMs = 0;
  let cursor: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = `limit=${PAGE_LIMIT}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const exchange = await client.send({
      method: 'GET',
      path: `/api/notes?${query}`,
      ...(authorization && { authorization }),
    });
    latencyMs += exchange.latencyMs;
    const body = exchange.body as { items?: unknown; nextCursor?: unknown } | undefined;
    if (exchange.status !== 200 || !Array.isArray(body?.items)) {
      return { ...exchange, latencyMs, pages: page, items, pageSizes, truncated: false, note: `page ${page} failed` };
    }
    // A malformed item must show up as a difference and a violation, not crash the walk.
    items.push(
      ...body.items.map((item: unknown) =>
        item && typeof item === 'object' ? (item as ListedNote) : ({} as ListedNote),
      ),
    );
    pageSizes.push(body.items.length);
    if (!v.is(NotePageSchema, body)) {
      return {
        ...exchange,
        latencyMs,
        pages: page,
        items,
        pageSizes,
        truncated: false,
        note: `page ${page} is not a page of notes`,
      };
    }
    cursor = body.nextCursor;
    if (cursor === undefined) return { ...exchange, latencyMs, pages: page, items, pageSizes, truncated: false };
  }
  return { status: 200, headers: {}, body: undefined, latencyMs, pages: MAX_PAGES, items, pageSizes, truncated: true };
}

/** Walks the whole list until it shows the notes created under `roles` (as they were created). */
export function listFollowCursorStep(created: Record<string, { title: string; body: string }>): Step {
  const roles = Object.keys(created);
  return {
    name: 'list-follow-cursor',
    description: `GET /api/notes?limit=${PAGE_LIMIT}, following nextCursor to the end`,
    concurrent: true,
    async run(client, state, env): Promise<StepOutcome> {
      const ours = roles.map((role) => state.idOf(role));
      const result = await pollUntil(
        () => walkList(client),
        (walk) =>
          walk.status === 200 && walk.note === undefined && ours.every((id) => walk.items.some((n) => n.id === id)),
        env.eventTimeoutMs,
        250,
      );
      const walk = result.last;
      if (walk.note !== undefined || walk.status === undefined) return walkOutcome(walk);
      const ids = walk.items.map((n) => n.id);
      const summary = {
        notesOfThisRun: walk.items
          .filter((n) => ours.includes(n.id))
          .map(({ id, title, body, version }) => ({ id, title, body, version })),
        everyPageWithinLimit: walk.pageSizes.every((size) => size <= PAGE_LIMIT),
        idsAscending: ids.every((id, i) => i === 0 || ids[i - 1]! < id),
        noDuplicates: new Set(ids).size === ids.length,
      };
      const outcome = walkOutcome(walk, summary);
      if (walk.truncated) outcome.note = `stopped after ${MAX_PAGES} pages`;
      else if (!result.done) outcome.note = `this run's notes were not all listed after ${env.eventTimeoutMs} ms`;
      return outcome;
    },
    expect: (state) =>
      json(
        200,
        v.strictObject({
          notesOfThisRun: v.strictTuple(
            roles.map((role) =>
              v.strictObject({
                id: v.literal(state.idOf(role)),
                title: v.literal(created[role]!.title),
                body: v.literal(created[role]!.body),
                version: v.literal(1),
              }),
            ),
          ),
          everyPageWithinLimit: v.literal(true),
          idsAscending: v.literal(true),
          noDuplicates: v.literal(true),
        }),
      ),
  };
}

function eventIdsIn(exchange: Exchange): unknown[] {
  const items = (exchange.body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items.map((item) => (item as { eventId?: unknown } | null)?.eventId) : [];
}

/** The writes this run saw, note by note (in the order of each note's first write), as the activity lists them. */
function writesByNote(state: CloudState): SeenWrite[][] {
  const roles = [...new Set(state.writes.map((w) => w.role))];
  return roles.map((role) => state.writes.filter((w) => w.role === role));
}

/** Each written note's activity, polled until the event of every write this run saw commit is there. */
export const eventsStep: Step = {
  name: 'events',
  description: "GET /api/notes/{id}/activity of each note until every write's event arrives",
  concurrent: true,
  async run(client, state, env): Promise<StepOutcome> {
    const started = performance.now();
    const items: unknown[] = [];
    const missing: string[] = [];
    let last: Exchange | undefined;
    let latencyMs = 0;
    const notes = writesByNote(state);
    // No write committed: still one real answer to judge (note-1's activity, which must then be empty).
    const polled =
      notes.length > 0 ? notes.map((writes) => ({ role: writes[0]!.role, writes })) : [{ role: 'note-1', writes: [] }];
    for (const { role, writes } of polled) {
      const expected = writes.map(expectedActivity);
      const result = await pollUntil(
        () => client.send({ method: 'GET', path: `/api/notes/${state.idOf(role)}/activity` }),
        (exchange) => exchange.status === 200 && expected.every((e) => eventIdsIn(exchange).includes(e.eventId)),
        Math.max(0, env.eventTimeoutMs - (performance.now() - started)),
      );
      last = result.last;
      latencyMs += last.latencyMs;
      if (last.status !== 200)
        return { ...last, latencyMs, note: `the activity of ${role} answered ${last.status ?? last.error}` };
      const listed = (last.body as { items?: unknown } | undefined)?.items;
      items.push(...(Array.isArray(listed) ? listed : [listed]));
      const seen = eventIdsIn(last);
      missing.push(...expected.filter((e) => !seen.includes(e.eventId)).map((e) => `${e.type} of ${role}`));
    }
    const outcome: StepOutcome = {
      status: last?.status ?? 200,
      headers: last?.headers ?? {},
      body: { items },
      latencyMs,
    };
    if (missing.length > 0) outcome.note = `after ${env.eventTimeoutMs} ms still missing: ${missing.join(', ')}`;
    return outcome;
  },
  expect: (state) => json(200, v.strictObject({ items: activityOfWrites(writesByNote(state).flat()) })),
};
