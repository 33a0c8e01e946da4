import type { RetryPolicy } from '../../../local/retry-policy';
import type { Cloud, LocalMode } from '../../../local/start-local';
import { startLocalInMemory } from '../../support/local-in-memory';
import { call, json } from '../../local/helpers/clouds';

export const clouds: Cloud[] = ['aws', 'azure'];

/** Local mode in memory on free ports, with a temp dir for urls.json; `end()` stops and cleans up. */
export async function startQuiet(
  retry: RetryPolicy,
): Promise<{ local: LocalMode; url: (cloud: Cloud) => string; end: () => Promise<void> }> {
  // Sign-in off: faults are about stores and buses (owners and tokens: test/local/owners.e2e.test.ts).
  const { local, stop } = await startLocalInMemory('faults', { retry, auth: 'none' });
  return { local, url: (cloud) => (cloud === 'aws' ? local.awsUrl : local.azureUrl), end: stop };
}

/** A request that must be answered: a hang fails the test instead of timing it out silently. */
export const bounded = (init: RequestInit = {}): RequestInit => ({ ...init, signal: AbortSignal.timeout(15_000) });

export interface Note {
  id: string;
  version: number;
  title: string;
}

export async function createNote(baseUrl: string, title: string): Promise<Note> {
  const answer = await call(baseUrl, '/api/notes', bounded({ method: 'POST', ...json({ title, body: 'text' }) }));
  if (answer.status !== 201) throw new Error(`POST /api/notes answered ${answer.status}: ${answer.text}`);
  return answer.json as Note;
}

export async function updateNote(baseUrl: string, note: Note, title: string): Promise<Note> {
  const answer = await call(
    baseUrl,
    `/api/notes/${note.id}`,
    bounded({ method: 'PUT', ...json({ title, body: 'edited' }, { 'if-match': `"${note.version}"` }) }),
  );
  if (answer.status !== 200) throw new Error(`PUT answered ${answer.status}: ${answer.text}`);
  return answer.json as Note;
}

export async function deleteNote(baseUrl: string, id: string): Promise<void> {
  const answer = await call(baseUrl, `/api/notes/${id}`, bounded({ method: 'DELETE' }));
  if (answer.status !== 204) throw new Error(`DELETE answered ${answer.status}: ${answer.text}`);
}

export interface ActivityItem {
  eventId: string;
  type: string;
  version: number;
}

export async function activityOf(baseUrl: string, id: string): Promise<ActivityItem[]> {
  const answer = await call(baseUrl, `/api/notes/${id}/activity`, bounded());
  // A deleted note none of whose events was recorded (all dead-lettered) has no activity: 404 (the
  // activity route answers 404 when there is neither activity nor a note, docs/ARCHITECTURE.md).
  if (answer.status === 404) return [];
  if (answer.status !== 200) throw new Error(`GET activity answered ${answer.status}: ${answer.text}`);
  return (answer.json as { items: ActivityItem[] }).items;
}

/** The title inside a delivered event: EventBridge carries the CloudEvent in `detail`, Event Grid is it. */
export function noteTitleOf(event: unknown): string | undefined {
  const e = event as { detail?: { data?: { note?: { title?: string } } }; data?: { note?: { title?: string } } };
  return (e.detail?.data ?? e.data)?.note?.title;
}

/** One block of figures per test file, for the report. */
export function printFigures(file: string, rows: Record<string, Record<string, number | string>>): void {
  const lines = Object.entries(rows).map(
    ([cloud, figures]) =>
      `  ${cloud.padEnd(6)} ${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join('  ')}`,
  );
  console.log(`fault figures (${file})\n${lines.join('\n')}`);
}
