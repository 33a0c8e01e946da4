import { call } from '../../local/helpers/clouds';
import { noteEventType } from '../../../contract/events';

// What a client was told: every acknowledged create, update and delete, per note. A request that got
// no answer (the process died under it) leaves its note "uncertain": either outcome is allowed for
// its state, but everything acknowledged before must still be there, with its events.

export type Cloud = 'aws' | 'azure';

export interface NoteLedger {
  cloud: Cloud;
  path: string;
  /** The last acknowledged content, or deleted. */
  state: { version: number; title: string; body: string } | 'deleted';
  /** The events the acknowledged writes must produce: `type@version` (deleted: just the type). */
  events: string[];
  uncertain: boolean;
}

export interface CloudTotals {
  acknowledged: number;
  lost: number;
  eventsMissing: number;
  /** Answers that were neither an acknowledgement nor a refusal the test expects (e.g. 500). */
  unexpected: number;
  /** What the first lost notes looked like, for the report. */
  lostExamples: string[];
}

export const emptyTotals = (): CloudTotals => ({
  acknowledged: 0,
  lost: 0,
  eventsMissing: 0,
  unexpected: 0,
  lostExamples: [],
});

const eventKey = (type: string, version?: number) => (type.endsWith('.deleted') ? type : `${type}@${version}`);

/** What the restarted cloud has of the note: a lost acknowledged write, and the events it lacks. */
export async function checkNote(
  url: string,
  note: NoteLedger,
): Promise<{ lost: boolean; missing: string[]; observed: string }> {
  const current = await call(url, note.path);
  let lost = false;
  if (!note.uncertain) {
    if (note.state === 'deleted') lost = current.status !== 404;
    else {
      const body = current.json as { version?: number; title?: string; body?: string } | undefined;
      lost =
        current.status !== 200 ||
        body?.version !== note.state.version ||
        body.title !== note.state.title ||
        body.body !== note.state.body;
    }
  }
  const activity = await call(url, `${note.path}/activity`);
  const items = (activity.json as { items?: { type: string; version: number }[] } | undefined)?.items ?? [];
  const seen = new Set(items.map((item) => eventKey(item.type, item.version)));
  return {
    lost,
    missing: note.events.filter((event) => !seen.has(event)),
    observed: `${note.path} ${current.status} ${current.text.slice(0, 120)}`,
  };
}

export function expectedEvent(kind: 'created' | 'updated' | 'deleted', version: number): string {
  return eventKey(noteEventType(kind), version);
}
