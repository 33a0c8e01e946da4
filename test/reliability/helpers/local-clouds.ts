import type { LocalMode } from '../../../local/start-local';
import { startLocalInMemory } from '../../support/local-in-memory';
import { closeRawAgent, sendRaw, type RawAnswer, type RawRequest } from './raw-request';

// Both emulated clouds in memory on free loopback ports, with the same seeded notes on each.

export interface Cloud {
  name: 'local-aws' | 'local-azure';
  url: string;
  /** Ids of the seeded notes, in seeding order (the same slot is the same note on both clouds). */
  seeded: string[];
}

export interface Clouds {
  local: LocalMode;
  clouds: [Cloud, Cloud];
  stop(): Promise<void>;
}

const SEEDS = [
  { title: 'first seeded note', body: 'kept as created' },
  { title: 'second seeded note', body: 'will be updated once' },
  { title: 'third seeded note ✓', body: '' },
];

async function expectStatus(answer: Promise<RawAnswer>, status: number, what: string): Promise<RawAnswer> {
  const got = await answer;
  if (got.status !== status) throw new Error(`seeding: ${what} answered ${got.status}: ${got.text}`);
  return got;
}

const jsonRequest = (
  method: string,
  path: string,
  value: unknown,
  headers: Record<string, string> = {},
): RawRequest => ({
  method,
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(value)),
});

async function seed(url: string): Promise<string[]> {
  const ids: string[] = [];
  for (const note of SEEDS) {
    const created = await expectStatus(sendRaw(url, jsonRequest('POST', '/api/notes', note)), 201, 'POST /api/notes');
    ids.push((JSON.parse(created.text) as { id: string }).id);
  }
  // Version 2 and a second activity entry, so If-Match and activity have more than one state to keep.
  await expectStatus(
    sendRaw(
      url,
      jsonRequest(
        'PUT',
        `/api/notes/${ids[1]}`,
        { title: 'second seeded note', body: 'updated' },
        { 'if-match': '"1"' },
      ),
    ),
    200,
    'PUT',
  );
  return ids;
}

export async function startClouds(): Promise<Clouds> {
  // Sign-in off: fuzzing and the mixed load are about the contract under odd input and load; owners and
  // tokens under load: owners-load.test.ts.
  const running = await startLocalInMemory('reliability', { auth: 'none' });
  const { local } = running;
  try {
    const clouds: [Cloud, Cloud] = [
      { name: 'local-aws', url: local.awsUrl, seeded: await seed(local.awsUrl) },
      { name: 'local-azure', url: local.azureUrl, seeded: await seed(local.azureUrl) },
    ];
    await local.drain();
    return {
      local,
      clouds,
      async stop() {
        closeRawAgent();
        await running.stop();
      },
    };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/** Everything a client can read: every page of the list, and each seeded note with its ETag and activity. */
export async function snapshot(cloud: Cloud): Promise<unknown> {
  const pages: unknown[] = [];
  let path: string | undefined = '/api/notes?limit=2';
  while (path) {
    const page = await expectStatus(sendRaw(cloud.url, { method: 'GET', path }), 200, `GET ${path}`);
    const parsed = JSON.parse(page.text) as { items: unknown[]; nextCursor?: string };
    pages.push(parsed.items);
    path =
      parsed.nextCursor === undefined
        ? undefined
        : `/api/notes?limit=2&cursor=${encodeURIComponent(parsed.nextCursor)}`;
  }
  const notes = [];
  for (const id of cloud.seeded) {
    const note = await sendRaw(cloud.url, { method: 'GET', path: `/api/notes/${id}` });
    const activity = await sendRaw(cloud.url, { method: 'GET', path: `/api/notes/${id}/activity` });
    notes.push({
      status: note.status,
      etag: note.headers.etag,
      note: note.text,
      activity: activity.status,
      activityItems: activity.text,
    });
  }
  return { pages, notes };
}
