// A loopback HTTP server standing in for an AWS JSON-protocol service (DynamoDB, EventBridge), so the
// real SDK client can be driven into answers an emulator never gives (failed entries, throttling).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  target: string | undefined; // X-Amz-Target, e.g. AWSEvents.PutEvents
  body: unknown;
}

export interface FakeReply {
  status: number;
  body: unknown;
}

export interface FakeAws {
  endpoint: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** `reply` decides every answer from the request; requests are recorded in order. */
export async function startFakeAws(reply: (request: SeenRequest, index: number) => FakeReply): Promise<FakeAws> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    readJson(req).then(
      (body) => {
        const request = { target: req.headers['x-amz-target'] as string | undefined, body };
        requests.push(request);
        const answer = reply(request, requests.length - 1);
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer.body));
      },
      (error: unknown) => {
        res.writeHead(400);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
