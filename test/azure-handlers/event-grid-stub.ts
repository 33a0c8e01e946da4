// A loopback stand-in for an Event Grid topic: records each publish request and answers with the
// status a test chooses. HTTPS with a throwaway certificate, or plain HTTP.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLoopbackCertificate } from './tls';

export interface PublishRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bytes: number;
  body: unknown;
}

export interface EventGridStub {
  endpoint: string;
  /** The certificate to trust (HTTPS only). */
  ca?: Buffer;
  requests: PublishRequest[];
  /** The status the next requests get (200 by default, as Event Grid answers a good batch). */
  respondWith(status: number): void;
  stop(): Promise<void>;
}

export async function startEventGridStub(protocol: 'https' | 'http'): Promise<EventGridStub> {
  const requests: PublishRequest[] = [];
  let status = 200;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        bytes: raw.length,
        body: JSON.parse(raw.toString('utf8')),
      });
      res.statusCode = status;
      res.end();
    });
  };
  const tls = protocol === 'https' ? createLoopbackCertificate() : undefined;
  const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `${protocol}://${tls ? 'localhost' : '127.0.0.1'}:${port}/api/events`,
    ...(tls ? { ca: tls.cert } : {}),
    requests,
    respondWith: (s) => void (status = s),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      tls?.dispose();
    },
  };
}
