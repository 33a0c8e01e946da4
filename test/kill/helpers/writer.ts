import type { Cloud, CloudTotals, NoteLedger } from './ledger';
import { expectedEvent } from './ledger';

// A hostile user's writes: several clients per cloud, each creating, updating and deleting its own
// notes (seeded choices, so no two clients race on a note and every outcome is predictable), over
// keep-alive connections, until the server stops answering or `stop` is called.

export interface WriterRun {
  stop(): void;
  /** Resolves once every client has given up (the server is gone) or was stopped. */
  done: Promise<void>;
}

const requestTimeoutMs = 30_000;

async function send(
  url: string,
  path: string,
  init: RequestInit,
): Promise<{ status: number; json: unknown; location: string | null } | undefined> {
  try {
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
    const text = await response.text();
    return {
      status: response.status,
      json: text ? (JSON.parse(text) as unknown) : undefined,
      location: response.headers.get('location'),
    };
  } catch {
    return undefined; // no answer: the process is gone (or going)
  }
}

const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

export function startWriters(
  cloud: Cloud,
  url: string,
  ledger: NoteLedger[],
  totals: CloudTotals,
  random: () => number,
  clients: number,
  label: string,
): WriterRun {
  let stopped = false;
  let sequence = 0;
  const client = async () => {
    const mine: NoteLedger[] = [];
    while (!stopped) {
      const live = mine.filter((n) => n.state !== 'deleted' && !n.uncertain);
      const roll = random();
      const note = live.length > 0 ? live[Math.floor(random() * live.length)]! : undefined;
      sequence += 1;
      const text = { title: `${label} ${sequence}`, body: `written under fire (${sequence})` };
      if (!note || roll < 0.6) {
        const answer = await send(url, '/api/notes', jsonInit('POST', text));
        if (!answer) return;
        if (answer.status !== 201 || !answer.location) {
          totals.unexpected += 1;
          continue;
        }
        totals.acknowledged += 1;
        const entry: NoteLedger = {
          cloud,
          path: answer.location,
          state: { version: 1, ...text },
          events: [expectedEvent('created', 1)],
          uncertain: false,
        };
        mine.push(entry);
        ledger.push(entry);
      } else if (roll < 0.85 && note.state !== 'deleted') {
        const next = note.state.version + 1;
        const answer = await send(url, note.path, jsonInit('PUT', text, { 'if-match': `"${note.state.version}"` }));
        if (!answer) {
          note.uncertain = true;
          return;
        }
        if (answer.status !== 200) {
          totals.unexpected += 1;
          continue;
        }
        totals.acknowledged += 1;
        note.state = { version: next, ...text };
        note.events.push(expectedEvent('updated', next));
      } else if (note.state !== 'deleted') {
        const answer = await send(url, note.path, {
          method: 'DELETE',
          headers: { 'if-match': `"${note.state.version}"` },
        });
        if (!answer) {
          note.uncertain = true;
          return;
        }
        if (answer.status !== 204) {
          totals.unexpected += 1;
          continue;
        }
        totals.acknowledged += 1;
        note.state = 'deleted';
        note.events.push(expectedEvent('deleted', 0));
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, client)).then(() => undefined);
  return { stop: () => (stopped = true), done };
}
