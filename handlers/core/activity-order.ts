// The one order of a note's activity, on every store: by time, then by what happened.
// Clocks tie (two writes in one millisecond, DynamoDB Streams' whole-second commit times), so a tie
// falls back to the version and then to the lifecycle: created < updated < deleted. A delete carries
// the version it deleted, so without the lifecycle rank it would tie with that version's update.
import type { Activity } from './ports';

const LIFECYCLE = ['created', 'updated', 'deleted'];
const lifecycleRank = (type: string) => LIFECYCLE.indexOf(type.slice(type.lastIndexOf('.') + 1));

export function compareActivity(a: Activity, b: Activity): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.version !== b.version) return a.version - b.version;
  const byLifecycle = lifecycleRank(a.type) - lifecycleRank(b.type);
  if (byLifecycle !== 0) return byLifecycle;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
