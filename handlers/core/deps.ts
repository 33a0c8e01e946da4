import type { ActivityStore, NoteStore } from './ports';

/** What the routes need from outside: the stores, a clock and an id source (both injectable for tests). */
export interface AppDeps {
  notes: NoteStore;
  activity: ActivityStore;
  now: () => Date;
  newId: () => string;
}
