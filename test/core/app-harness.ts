// Builds the app over memory stores wrapped so tests can see every call that reached a store.
import { createApp } from '../../handlers/core/app';
import { type Authenticator, noSignIn } from '../../handlers/core/auth/authenticator';
import { ANONYMOUS_OWNER } from '../../handlers/core/auth/owner';
import type { Logger, RequestLogEntry } from '../../handlers/core/log';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import type { Activity, ActivityStore, Note, NotePage, NoteStore } from '../../handlers/core/ports';

export class CountingNoteStore implements NoteStore {
  readonly calls: string[] = [];
  constructor(readonly inner: MemoryNoteStore) {}
  create(owner: string, note: Note) {
    this.calls.push('create');
    return this.inner.create(owner, note);
  }
  get(owner: string, id: string) {
    this.calls.push('get');
    return this.inner.get(owner, id);
  }
  list(owner: string, query: { limit: number; cursor?: string }): Promise<NotePage> {
    this.calls.push('list');
    return this.inner.list(owner, query);
  }
  replace(owner: string, next: Note, expectedVersion: number) {
    this.calls.push('replace');
    return this.inner.replace(owner, next, expectedVersion);
  }
  remove(owner: string, id: string, expectedVersion?: number) {
    this.calls.push('remove');
    return this.inner.remove(owner, id, expectedVersion);
  }
  ping() {
    this.calls.push('ping');
    return this.inner.ping();
  }
}

export class CountingActivityStore implements ActivityStore {
  readonly calls: string[] = [];
  constructor(readonly inner: MemoryActivityStore) {}
  record(owner: string, activity: Activity) {
    this.calls.push('record');
    return this.inner.record(owner, activity);
  }
  list(owner: string, noteId: string) {
    this.calls.push('list');
    return this.inner.list(owner, noteId);
  }
}

export const FIXED_NOW = new Date('2026-03-04T05:06:07.089Z');

/** The owner every request of the default harness has (sign-in off). */
export const OWNER = ANONYMOUS_OWNER;

export function harness(
  options: { servedBy?: 'aws' | 'azure' | 'local-aws' | 'local-azure'; errors?: unknown[]; auth?: Authenticator } = {},
) {
  const notes = new CountingNoteStore(new MemoryNoteStore());
  const activity = new CountingActivityStore(new MemoryActivityStore());
  const requests: RequestLogEntry[] = [];
  const errors = options.errors ?? [];
  const log: Logger = { request: (e) => requests.push(e), error: (e) => errors.push(e), info: () => {} };
  const app = createApp({
    auth: options.auth ?? noSignIn(),
    notes,
    activity,
    servedBy: options.servedBy ?? 'local-aws',
    now: () => FIXED_NOW,
    log,
  });
  return { app, notes, activity, requests, errors };
}

export const JSON_TYPE = { 'content-type': 'application/json' };

export function sendJson(method: 'POST' | 'PUT', body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** Asserts an RFC 9457 body with the given status and returns it. */
export async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { path: string; message: string }[];
  };
  expect(body.type).toBe('about:blank');
  expect(body.status).toBe(status);
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}
