import {
  ServerResponse,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import { Readable } from 'node:stream';

// dynalite is an HTTP server, but its request handler only reads the request stream and writes one
// response. Calling that handler in-process spares the stream capture a loopback HTTP round trip
// (client, socket, parser) per DynamoDB call while dynalite itself answers exactly as over HTTP.

export interface DynaliteAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export type DynaliteCall = (
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
) => Promise<DynaliteAnswer>;

function toBuffer(chunk: unknown): Buffer {
  if (chunk === undefined || chunk === null) return Buffer.alloc(0);
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
}

/** The request handler `dynalite` was created with. */
export function requestHandlerOf(dynalite: Server): RequestListener {
  const handlers = dynalite.listeners('request') as RequestListener[];
  if (handlers.length !== 1) throw new Error(`expected dynalite to have one request handler, not ${handlers.length}`);
  return handlers[0]!;
}

/** Calls dynalite's request handler with a buffered request and collects its answer. */
export function inProcessDynalite(dynalite: Server): DynaliteCall {
  const handler = requestHandlerOf(dynalite);
  return (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      // The body as one chunk, then end: all dynalite's handler reads of a request.
      const req = Object.assign(Readable.from([body]), { method, url, headers }) as unknown as IncomingMessage;
      const res = new ServerResponse(req);
      res.end = ((chunk?: unknown) => {
        resolve({ status: res.statusCode, headers: res.getHeaders(), body: toBuffer(chunk) });
        return res;
      }) as ServerResponse['end'];
      try {
        handler(req, res);
      } catch (error) {
        reject(error);
      }
    });
}
