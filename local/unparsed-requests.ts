import { IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { HTTP_TOKEN } from '../handlers/core/fetch-rules';
import { type FrontDoor, refuseOnSocket } from './front-door-refusal';

// Requests Node's HTTP server does not hand to the request listener: CONNECT (the 'connect' event, for
// tunnels), a method its parser does not know (TRACK: 'clientError' HPE_INVALID_METHOD), and heads it
// cannot parse or that are too large (Node's bare 400 or 431, no body, no log line). The first two go
// through the front door like any request, so the adapter answers them as in the cloud (405 + Allow);
// the rest are refused as problems. Each connection is closed after its answer.

/** Node's parser errors and the answer for each; anything else is 400. */
const STATUS_OF_PARSER_ERROR: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408 };

const DETAIL_OF_STATUS: Record<number, string> = {
  400: 'The request is not valid HTTP/1.1 and was not read.',
  408: 'The request head did not arrive in time.',
  431: 'The request head (request line and headers) is too large.',
};

interface ParsedHead {
  method: string;
  target: string;
  rawHeaders: string[];
}

/** The request line and headers in what the parser had read; undefined when there is no request line. */
function parseHead(rawPacket: Buffer | undefined): ParsedHead | undefined {
  const lines = (rawPacket?.toString('latin1') ?? '').split('\r\n');
  const [method, target] = lines[0]!.split(' ');
  if (!method || !target) return undefined;
  const rawHeaders: string[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) rawHeaders.push(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { method, target, rawHeaders };
}

/** Runs `req` through the server's request listener on `socket`, answering once and closing. */
function dispatch(server: Server, req: IncomingMessage, socket: Duplex): void {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  res.on('finish', () => {
    res.detachSocket(socket as Socket);
    (socket as Socket).destroySoon();
  });
  server.emit('request', req, res);
}

/** A request object for a head the parser refused only for its method; it has no body. */
function requestOf(socket: Duplex, head: ParsedHead): IncomingMessage {
  const req = new IncomingMessage(socket as Socket);
  req.method = head.method;
  req.url = head.target;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.rawHeaders = head.rawHeaders;
  const headers: Record<string, string> = {};
  for (let i = 0; i < head.rawHeaders.length; i += 2)
    headers[head.rawHeaders[i]!.toLowerCase()] = head.rawHeaders[i + 1]!;
  req.headers = headers;
  req.complete = true;
  req.push(null);
  return req;
}

export function answerUnparsedRequests(server: Server, door: FrontDoor): void {
  server.on('connect', (req: IncomingMessage, socket: Duplex) => dispatch(server, req, socket));
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    const started = performance.now();
    const head = parseHead(error.rawPacket);
    if (error.code === 'HPE_INVALID_METHOD' && head && HTTP_TOKEN.test(head.method)) {
      return dispatch(server, requestOf(socket, head), socket);
    }
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const status = STATUS_OF_PARSER_ERROR[error.code ?? ''] ?? 400;
    const request = { method: head?.method ?? '-', target: head?.target ?? '-' };
    refuseOnSocket(door, socket, request, started, { status, detail: DETAIL_OF_STATUS[status]! });
  });
}
