import { startClouds, type Clouds } from './helpers/local-clouds';
import { runMixedLoad, type LoadOutcome } from './helpers/mixed-load';
import { sendRaw } from './helpers/raw-request';
import { noteEventType } from '../../contract/events';

// Each emulated cloud under a short mixed load (loopback, 10 connections, 3 s): no errors, and no lost
// write: every acknowledged create reads back with its title and, once delivery drains, has its
// note.created activity. Counts and correctness only; timings are never asserted.

let running: Clouds;

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {}); // the handlers' request lines
  running = await startClouds();
});

afterAll(async () => {
  await running?.stop();
  jest.restoreAllMocks();
});

interface Verified {
  listed: number;
  readBack: number;
  withActivity: number;
  lost: string[];
}

/** Every id on every page of the list. */
async function allListedIds(url: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let path: string | undefined = '/api/notes?limit=100';
  while (path) {
    const page = JSON.parse((await sendRaw(url, { method: 'GET', path })).text) as {
      items: { id: string }[];
      nextCursor?: string;
    };
    for (const item of page.items) ids.add(item.id);
    path =
      page.nextCursor === undefined ? undefined : `/api/notes?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
  return ids;
}

async function verifyWrites(url: string, outcome: LoadOutcome, drain: () => Promise<void>): Promise<Verified> {
  const lost: string[] = [];
  let readBack = 0;
  for (const { location, title } of outcome.acknowledged) {
    const got = await sendRaw(url, { method: 'GET', path: location });
    const note = got.status === 200 ? (JSON.parse(got.text) as { title: string }) : undefined;
    if (note?.title === title) readBack += 1;
    else
      lost.push(`GET ${location}: ${got.status} ${got.text.slice(0, 200)} (expected title ${JSON.stringify(title)})`);
  }
  const listedIds = await allListedIds(url);
  const listed = outcome.acknowledged.filter(({ location }) =>
    listedIds.has(location.slice('/api/notes/'.length)),
  ).length;
  if (listed !== outcome.acknowledged.length)
    lost.push(`${outcome.acknowledged.length - listed} acknowledged notes missing from GET /api/notes`);
  await drain();
  let withActivity = 0;
  const deadline = Date.now() + 60_000;
  let missing = outcome.acknowledged;
  while (missing.length > 0) {
    const stillMissing = [];
    for (const ack of missing) {
      const got = await sendRaw(url, { method: 'GET', path: `${ack.location}/activity` });
      const items =
        got.status === 200 ? (JSON.parse(got.text) as { items: { type: string; version: number }[] }).items : [];
      if (items.some((a) => a.type === noteEventType('created') && a.version === 1)) withActivity += 1;
      else stillMissing.push(ack);
    }
    missing = stillMissing;
    if (missing.length === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const ack of missing) lost.push(`${ack.location}: no ${noteEventType('created')} activity`);
  return { listed, readBack, withActivity, lost };
}

describe.each(['local-aws', 'local-azure'] as const)('%s under a mixed load', (name) => {
  it('answers every request with 2xx and loses no acknowledged write', async () => {
    const cloud = running.clouds.find((c) => c.name === name)!;
    const outcome = await runMixedLoad(cloud.url, name);
    const { result } = outcome;
    const verified = await verifyWrites(cloud.url, outcome, () => running.local.drain());
    process.stdout.write(
      `[reliability] load ${name}: ${result.requests.total} requests, ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts; ${outcome.acknowledged.length} writes acknowledged, ` +
        `${verified.readBack} read back, ${verified.listed} listed, ${verified.withActivity} with activity, ${verified.lost.length} lost\n`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(outcome.refusedCreates).toEqual([]);
    expect(outcome.acknowledged.length).toBeGreaterThan(0);
    expect(verified.lost).toEqual([]);
    expect(verified.readBack).toBe(outcome.acknowledged.length);
    expect(verified.listed).toBe(outcome.acknowledged.length);
    expect(verified.withActivity).toBe(outcome.acknowledged.length);
    expect(new Set(outcome.acknowledged.map((a) => a.location)).size).toBe(outcome.acknowledged.length);
    const deadLetters = running.local.deadLetters;
    expect([...deadLetters.aws.stream, ...deadLetters.aws.events, ...Object.values(deadLetters.azure).flat()]).toEqual(
      [],
    );
  });
});
