// A loopback Lambda Runtime API (version 2018-06-01), the HTTP interface a runtime client polls for
// invocations: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html. It serves the events it
// is given, one per `next`, and records when the runtime first asked for work (its init is over) and
// when each answer came back, so a harness can time init and the first response the way Lambda's
// REPORT line does (Init Duration, then Duration).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const PREFIX = '/2018-06-01/runtime';

export interface Invocation {
  requestId: string;
  event: unknown;
}

export interface RuntimeOutcome {
  requestId: string;
  /** `response` (the handler's result) or `error` (an invocation error the runtime reported). */
  kind: 'response' | 'error';
  body: string;
  /** performance.now() when the answer arrived. */
  at: number;
}

export interface RuntimeApi {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
  address: string;
  /** Queues an invocation; the next `next` call (or one already waiting) receives it. */
  invoke(invocation: Invocation): void;
  /** Resolves with the runtime's answer to that request id. */
  outcome(requestId: string): Promise<RuntimeOutcome>;
  /** performance.now() of the first `next` call since the last reset, or undefined. */
  firstNextAt(): number | undefined;
  /** An `init/error` the runtime reported (its handler failed to load), if any. */
  initError(): string | undefined;
  /** Forgets timings, answers and errors and drops waiting `next` calls: ready for a fresh runtime process. */
  reset(): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startRuntimeApi(options: { functionArn: string; timeoutMs: number }): Promise<RuntimeApi> {
  const queue: Invocation[] = [];
  const waiting: ServerResponse[] = [];
  const outcomes = new Map<string, RuntimeOutcome>();
  const watchers = new Map<string, (outcome: RuntimeOutcome) => void>();
  let firstNext: number | undefined;
  let initFailure: string | undefined;

  const deliver = (response: ServerResponse, invocation: Invocation) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'lambda-runtime-aws-request-id': invocation.requestId,
      'lambda-runtime-deadline-ms': String(Date.now() + options.timeoutMs),
      'lambda-runtime-invoked-function-arn': options.functionArn,
      'lambda-runtime-trace-id': `Root=1-00000000-000000000000000000000000;Sampled=0`,
    });
    response.end(JSON.stringify(invocation.event));
  };

  const record = (outcome: RuntimeOutcome) => {
    outcomes.set(outcome.requestId, outcome);
    watchers.get(outcome.requestId)?.(outcome);
    watchers.delete(outcome.requestId);
  };

  const server = createServer((request, response) => {
    const url = request.url ?? '';
    if (request.method === 'GET' && url === `${PREFIX}/invocation/next`) {
      firstNext ??= performance.now();
      const invocation = queue.shift();
      if (invocation) deliver(response, invocation);
      else waiting.push(response); // long poll, as the real API does between invocations
      return;
    }
    const answer = new RegExp(`^${PREFIX}/invocation/([^/]+)/(response|error)$`).exec(url);
    if (request.method === 'POST' && (answer || url === `${PREFIX}/init/error`)) {
      void readBody(request).then((body) => {
        const at = performance.now();
        if (answer)
          record({ requestId: decodeURIComponent(answer[1]!), kind: answer[2] as 'response' | 'error', body, at });
        else initFailure = body;
        response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"OK"}');
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"errorMessage":"not a Runtime API path"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    invoke(invocation) {
      const response = waiting.shift();
      if (response) deliver(response, invocation);
      else queue.push(invocation);
    },
    outcome(requestId) {
      const known = outcomes.get(requestId);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => watchers.set(requestId, resolve));
    },
    firstNextAt: () => firstNext,
    initError: () => initFailure,
    reset() {
      firstNext = undefined;
      initFailure = undefined;
      queue.length = 0;
      outcomes.clear();
      watchers.clear();
      for (const response of waiting.splice(0)) response.destroy();
    },
    async close() {
      for (const response of waiting.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
