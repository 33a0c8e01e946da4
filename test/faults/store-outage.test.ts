import type { Cloud } from '../../local/start-local';
import { call, eventually, json } from '../local/helpers/clouds';
import {
  activityOf,
  bounded,
  clouds,
  createNote,
  printFigures,
  startQuiet,
  updateNote,
  type ActivityItem,
  type Note,
} from './helpers/local-run';
import { noteEventType } from '../../contract/events';

// The store goes down mid-run (its endpoint refuses connections, open connections are cut) and comes
// back: every API call that needs it answers 503 problem+json with Retry-After, nothing is written
// while it is down, and the service recovers on its own once the store is back.

let run: Awaited<ReturnType<typeof startQuiet>>;
const figures: Record<string, Record<string, number>> = {};

beforeAll(async () => {
  run = await startQuiet({ maxAttempts: 5, baseDelayMs: 20 });
});

afterAll(async () => {
  await run?.end();
  printFigures('store-outage', figures);
});

const unknownId = '01900000-0000-7000-8000-000000000000';

describe.each(clouds)('store outage on %s', (cloud: Cloud) => {
  it('answers 503 + Retry-After while the store is down, writes nothing, and recovers by itself', async () => {
    const url = run.url(cloud);
    const { faults } = run.local;

    // Acknowledged before the outage: three notes, one of them updated.
    const notes: Note[] = [await createNote(url, 'one'), await createNote(url, 'two'), await createNote(url, 'three')];
    notes[0] = await updateNote(url, notes[0]!, 'one, edited');
    const acknowledgedWrites = 4;
    await run.local.drain();
    const activityBefore = new Map<string, ActivityItem[]>();
    for (const note of notes) activityBefore.set(note.id, await activityOf(url, note.id));

    await faults.stopStore(cloud);
    const during: [string, string, RequestInit][] = [
      ['health', '/api/health', {}],
      ['create', '/api/notes', { method: 'POST', ...json({ title: 'during the outage', body: 'x' }) }],
      [
        'replace',
        `/api/notes/${notes[1]!.id}`,
        { method: 'PUT', ...json({ title: 'lost?', body: 'x' }, { 'if-match': `"${notes[1]!.version}"` }) },
      ],
      ['delete', `/api/notes/${notes[2]!.id}`, { method: 'DELETE' }],
      ['read', `/api/notes/${notes[0]!.id}`, {}],
      ['read unknown', `/api/notes/${unknownId}`, {}],
      ['list', '/api/notes', {}],
      ['activity', `/api/notes/${notes[0]!.id}/activity`, {}],
    ];
    for (const [what, path, init] of during) {
      const answer = await call(url, path, bounded(init));
      expect({ what, status: answer.status }).toEqual({ what, status: 503 });
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.json).toMatchObject({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    }
    // What needs no store still works.
    expect((await call(url, '/api/hello', bounded())).status).toBe(200);

    await faults.startStore(cloud);
    await eventually(async () => expect((await call(url, '/api/health', bounded())).status).toBe(200));

    // Exactly what was acknowledged: same notes, same versions, same activity; nothing from the outage.
    const list = await call(url, '/api/notes', bounded());
    expect(list.status).toBe(200);
    const listed = (list.json as { items: Note[] }).items.map(({ id, version, title }) => ({ id, version, title }));
    expect(listed).toEqual(notes.map(({ id, version, title }) => ({ id, version, title })));
    await run.local.drain();
    for (const note of notes) expect(await activityOf(url, note.id)).toEqual(activityBefore.get(note.id));

    // And it takes writes again, with their events.
    const after = await createNote(url, 'after the outage');
    await run.local.drain();
    expect((await activityOf(url, after.id)).map((a) => a.type)).toEqual([noteEventType('created')]);

    const counts = faults.counts(cloud);
    const committed = acknowledgedWrites + 1;
    expect(counts.changes).toBe(committed);
    const recorded = (await Promise.all([...notes, after].map((n) => activityOf(url, n.id)))).flat().length;
    const deadLettered = Object.values(run.local.deadLetters[cloud]).reduce((n, list) => n + list.length, 0);
    expect(deadLettered).toBe(0);
    expect(recorded).toBe(committed);
    figures[cloud] = {
      outages: 1,
      refusedCalls: during.length,
      writes: committed,
      delivered: recorded,
      deadLettered,
      lost: committed - recorded - deadLettered,
    };
  });
});
