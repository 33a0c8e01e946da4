import type { Cloud } from '../../local/start-local';
import { eventually } from '../local/helpers/clouds';
import {
  activityOf,
  clouds,
  createNote,
  deleteNote,
  noteTitleOf,
  printFigures,
  startQuiet,
  updateNote,
  type Note,
} from './helpers/local-run';
import { noteEventType } from '../../contract/events';

// Failing subscribers and a publisher whose bus is down: every committed change ends up either
// recorded by the subscriber or in a dead-letter list, never lost, on both clouds.

const maxAttempts = 6;
let run: Awaited<ReturnType<typeof startQuiet>>;
const figures: Record<string, Record<string, number>> = { aws: {}, azure: {} };

beforeAll(async () => {
  // Long enough for a bus outage of a few publisher attempts; short enough to dead-letter quickly.
  run = await startQuiet({ maxAttempts, baseDelayMs: 10 });
});

afterEach(() => {
  for (const cloud of clouds) run.local.faults.failSubscriber(cloud, 0);
  jest.restoreAllMocks();
});

afterAll(async () => {
  await run?.end();
  printFigures('delivery-failures', figures);
});

const recordedActivity = async (url: string, notes: Note[]) =>
  (await Promise.all(notes.map((n) => activityOf(url, n.id)))).flat().length;

describe.each(clouds)('deliveries on %s', (cloud: Cloud) => {
  it('retries a subscriber that fails twice, then records the event once', async () => {
    const url = run.url(cloud);
    const before = run.local.faults.counts(cloud);
    run.local.faults.failSubscriber(cloud, 2);
    const note = await createNote(url, 'flaky subscriber');
    await run.local.drain();

    const after = run.local.faults.counts(cloud);
    expect(after.subscriberAttempts - before.subscriberAttempts).toBe(3);
    expect(after.subscriberFailuresInjected - before.subscriberFailuresInjected).toBe(2);
    expect((await activityOf(url, note.id)).map((a) => a.type)).toEqual([noteEventType('created')]);
    expect(run.local.deadLetters[cloud].events).toHaveLength(0);
  });

  it('dead-letters what always fails, and delivered + dead-lettered equals the committed changes', async () => {
    const url = run.url(cloud);
    const { faults } = run.local;
    const before = faults.counts(cloud);
    const deadBefore = run.local.deadLetters[cloud].events.length;
    faults.failSubscriber(cloud, (event) => noteTitleOf(event)?.startsWith('poison') ?? false);

    // 12 committed changes: 6 creates, 4 updates, 2 deletes; 3 notes are poison: 3 creates, 2 updates and 1 delete.
    const notes: Note[] = [];
    for (let i = 0; i < 6; i += 1) notes.push(await createNote(url, i % 2 === 0 ? `poison ${i}` : `fine ${i}`));
    for (const i of [0, 1, 3, 4]) notes[i] = await updateNote(url, notes[i]!, `${notes[i]!.title} edited`);
    await deleteNote(url, notes[2]!.id); // poison: its delete event carries the old title
    await deleteNote(url, notes[5]!.id);
    const committed = 12;
    await run.local.drain();

    const counts = faults.counts(cloud);
    expect(counts.changes - before.changes).toBe(committed);
    const dead = run.local.deadLetters[cloud].events.slice(deadBefore);
    for (const letter of dead) {
      expect(letter.attempts).toBe(maxAttempts);
      expect(letter.error).toBe('injected subscriber failure');
      expect(noteTitleOf(letter.item)).toMatch(/^poison/);
    }
    const delivered = await recordedActivity(url, notes);
    expect(dead.length).toBe(6);
    expect(delivered + dead.length).toBe(committed);
    expect(counts.subscriberFailuresInjected - before.subscriberFailuresInjected).toBe(dead.length * maxAttempts);

    Object.assign(figures[cloud]!, {
      writes: committed,
      injectedFailures: counts.subscriberFailuresInjected - before.subscriberFailuresInjected,
      delivered,
      deadLettered: dead.length,
      lost: committed - delivered - dead.length,
    });
  });

  it('keeps retrying the stream / change feed while the bus is down and loses nothing once it is back', async () => {
    const url = run.url(cloud);
    const { faults } = run.local;
    jest.spyOn(console, 'error').mockImplementation(() => {}); // the AWS publisher logs each failed put
    const before = faults.counts(cloud);
    const deadBefore = run.local.deadLetters[cloud].events.length;

    await faults.stopBus(cloud);
    const notes = [
      await createNote(url, 'bus down 1'),
      await createNote(url, 'bus down 2'),
      await createNote(url, 'bus down 3'),
    ];
    // The writes are committed and acknowledged; their events wait in the stream / change feed.
    await eventually(async () =>
      expect(faults.counts(cloud).publisherFailures - before.publisherFailures).toBeGreaterThanOrEqual(2),
    );
    expect(await recordedActivity(url, notes)).toBe(0);
    await faults.startBus(cloud);
    await run.local.drain();

    const counts = faults.counts(cloud);
    const streamDead = cloud === 'aws' ? run.local.deadLetters.aws.stream : run.local.deadLetters.azure.changeFeed;
    expect(streamDead).toHaveLength(0);
    expect(run.local.deadLetters[cloud].events.length).toBe(deadBefore);
    const delivered = await recordedActivity(url, notes);
    expect(delivered).toBe(notes.length);
    Object.assign(figures[cloud]!, {
      busDownWrites: notes.length,
      publisherFailures: counts.publisherFailures - before.publisherFailures,
      busDownDelivered: delivered,
      busDownLost: notes.length - delivered,
    });
  });
});
