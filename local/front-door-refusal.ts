import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServedBy } from '../contract/served-by';
import { PROBLEM_TYPE, problemText, reasonPhrase } from '../handlers/core/problem';
import type { Refusal } from '../handlers/core/request-precheck';
import type { LocalLogger } from './log';

// The answers an emulated front door gives itself, before any function runs: problem+json like the
// app's, marked with x-served-by, and one log line with the reason (docs/ARCHITECTURE.md, "Odd requests").

export interface FrontDoor {
  servedBy: ServedBy;
  log: LocalLogger;
}

function problemHead(door: FrontDoor, refusal: Refusal): { text: string; headers: Record<string, string> } {
  const text = problemText(refusal.status, refusal.detail);
  const headers = {
    'content-type': PROBLEM_TYPE,
    'content-length': String(Buffer.byteLength(text)),
    'x-served-by': door.servedBy,
    ...refusal.headers,
  };
  return { text, headers };
}

/** The front door's log line for an answer it gave itself; `route` is the path, without the query. */
export function logFrontDoorAnswer(
  door: FrontDoor,
  line: { method: string; target: string; status: number; started: number; reason?: string; error?: unknown },
): void {
  const entry = {
    cloud: door.servedBy,
    method: line.method,
    route: line.target.split('?')[0]!,
    status: line.status,
    durationMs: Math.round(performance.now() - line.started),
  };
  if (line.error !== undefined) door.log({ level: 'error', ...entry, error: String(line.error) });
  else door.log({ level: 'info', ...entry, ...(line.reason === undefined ? {} : { reason: line.reason }) });
}

/** Writes `refusal` as the answer to `req` (no body for HEAD) and logs it. */
export function refuse(
  door: FrontDoor,
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
  refusal: Refusal,
): void {
  const { text, headers } = problemHead(door, refusal);
  res.writeHead(refusal.status, headers);
  res.end(req.method === 'HEAD' ? undefined : text);
  logFrontDoorAnswer(door, {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    status: refusal.status,
    started,
    reason: refusal.detail,
  });
}

/** The same, straight onto a socket Node's parser gave up on (no request object exists), then closed. */
export function refuseOnSocket(
  door: FrontDoor,
  socket: Duplex,
  request: { method: string; target: string },
  started: number,
  refusal: Refusal,
): void {
  const { text, headers } = problemHead(door, refusal);
  const lines = Object.entries({ ...headers, connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable)
    socket.end(
      `HTTP/1.1 ${refusal.status} ${reasonPhrase(refusal.status)}\r\n${lines.join('')}\r\n${request.method === 'HEAD' ? '' : text}`,
    );
  else socket.destroy();
  logFrontDoorAnswer(door, { ...request, status: refusal.status, started, reason: refusal.detail });
}
