import type { Cloud } from '../../local/start-local';
import { activityOf, clouds, createNote, deleteNote, printFigures, startQuiet, updateNote } from './helpers/local-run';
import { noteEventType } from '../../contract/events';

// Both buses deliver at least once. When every event arrives twice, the subscriber (idempotent on the
// event id) still records each change once.

let run: Awaited<ReturnType<typeof startQuiet>>;
const figures: Record<string, Record<string, number>> = {};

beforeAll(async () => {
  run = await startQuiet({ maxAttempts: 3, baseDelayMs: 10 });
});

afterAll(async () => {
  await run?.end();
  printFigures('duplicate-delivery', figures);
});

describe.each(clouds)('duplicate delivery on %s', (cloud: Cloud) => {
  it('shows each change once in the activity although every event is delivered twice', async () => {
    const url = run.url(cloud);
    const { faults } = run.local;
    faults.duplicateDeliveries(cloud, true);
    try {
      const before = faults.counts(cloud);
      const created = await createNote(url, 'twice');
      const updated = await updateNote(url, created, 'twice, edited');
      const other = await createNote(url, 'gone');
      await deleteNote(url, other.id);
      const committed = 4;
      await run.local.drain();

      const counts = faults.counts(cloud);
      const busEvents = counts.busEvents - before.busEvents;
      const deliveries = counts.subscriberSucceeded - before.subscriberSucceeded;
      expect(busEvents).toBe(committed);
      expect(deliveries).toBe(2 * committed);
      const mine = await activityOf(url, created.id);
      expect(mine.map((a) => [a.type, a.version])).toEqual([
        [noteEventType('created'), 1],
        [noteEventType('updated'), updated.version],
      ]);
      const theirs = await activityOf(url, other.id);
      expect(theirs.map((a) => a.type)).toEqual([noteEventType('created'), noteEventType('deleted')]);
      expect(run.local.deadLetters[cloud].events).toHaveLength(0);
      const recorded = mine.length + theirs.length;
      figures[cloud] = {
        writes: committed,
        busEvents,
        deliveries,
        duplicatesInjected: deliveries - busEvents,
        recorded,
        lost: committed - recorded,
      };
    } finally {
      faults.duplicateDeliveries(cloud, false);
    }
  });
});
