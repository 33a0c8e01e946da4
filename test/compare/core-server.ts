// Test servers for the compare tool: the real core app over memory stores, served on a free loopback
// port. Store writes become events through core's own changeToEvent + recordNoteEvent, delivered
// asynchronously and twice (delivery is at least once), so the event path behaves like a cloud's.
import { type Authenticator, noSignIn } from '../../handlers/core/auth/authenticator';
import { type ServerType, serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServedBy } from '../../contract/served-by';
import { createApp } from '../../handlers/core/app';
import { changeToEvent } from '../../handlers/core/events';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import type { NoteChangeKind } from '../../contract/events';
import type { Note } from '../../handlers/core/ports';
import { recordNoteEvent } from '../../handlers/core/subscriber';

export interface TestServer {
  url: string;
  /** "METHOD /path" of every request received, to check that bad input sent nothing. */
  seen: string[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Delay before an event reaches the activity store. */
  eventDelayMs?: number;
  /** Event kinds this server never delivers (a broken subscription). */
  dropEvents?: NoteChangeKind[];
  /** Who the caller is (default: sign-in off, every caller one owner); test/compare/sign-in-servers.ts. */
  auth?: Authenticator;
  /** Rewrites a response: how a test makes one cloud diverge. */
  transform?: (request: Request, response: Response) => Response | Promise<Response>;
}

class EventedNoteStore extends MemoryNoteStore {
  constructor(private readonly emit: (kind: NoteChangeKind, owner: string, note: Note) => void) {
    super();
  }
  override async create(owner: string, note: Note): Promise<void> {
    await super.create(owner, note);
    this.emit('created', owner, note);
  }
  override async replace(owner: string, next: Note, expectedVersion: number): Promise<void> {
    await super.replace(owner, next, expectedVersion);
    this.emit('updated', owner, next);
  }
  override async remove(owner: string, id: string, expectedVersion?: number): Promise<Note> {
    const removed = await super.remove(owner, id, expectedVersion);
    this.emit('deleted', owner, removed);
    return removed;
  }
}

export async function startCoreServer(servedBy: ServedBy, options: TestServerOptions = {}): Promise<TestServer> {
  const activity = new MemoryActivityStore();
  const timers = new Set<NodeJS.Timeout>();
  const deliver = (kind: NoteChangeKind, owner: string, note: Note) => {
    if (options.dropEvents?.includes(kind)) return;
    const event = changeToEvent({ owner, kind, note, time: new Date().toISOString() });
    for (const delay of [options.eventDelayMs ?? 5, (options.eventDelayMs ?? 5) + 10]) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void recordNoteEvent(event, activity);
      }, delay);
      timers.add(timer);
    }
  };
  const app = createApp({ auth: options.auth ?? noSignIn(), notes: new EventedNoteStore(deliver), activity, servedBy });
  const seen: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
    const response = await app.fetch(options.transform ? request.clone() : request);
    return options.transform ? options.transform(request, response) : response;
  };

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        const http = server as Server;
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      }),
  };
}

/** A pair that behaves the same, as two clouds should (unless options make one or both diverge). */
export async function startPair(
  azureOptions: TestServerOptions = {},
  awsOptions: TestServerOptions = {},
): Promise<{ aws: TestServer; azure: TestServer; close(): Promise<void> }> {
  const aws = await startCoreServer('local-aws', awsOptions);
  const azure = await startCoreServer('local-azure', azureOptions);
  return { aws, azure, close: async () => void (await Promise.all([aws.close(), azure.close()])) };
}
