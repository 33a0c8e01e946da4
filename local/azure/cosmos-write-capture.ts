import type { IncomingMessage, Server, ServerResponse } from 'node:http';

// @vercel/cosmosdb-server has no change feed. Its request handler is wrapped here so every response is
// seen as it is sent: a successful create/upsert/replace/patch answers with the stored document, which
// is exactly what the latest-version change feed reports. Responses are observed in commit order
// because the emulator applies writes synchronously before answering. The answer is held until
// `onWrite` settles, so a write is acknowledged only once local mode has made it durable.

export interface DocumentWrite {
  database: string;
  container: string;
  /** The documents as stored (with _rid, _etag, _ts), in commit order. */
  documents: Record<string, unknown>[];
  /** True when documents were removed (hard delete): no change-feed entry, but the store changed. */
  deleted: boolean;
  /** A single-document delete: its id and the request's partition key header (JSON), for the log. */
  removed?: { id: string; partitionKey: string | undefined };
}

const docsPath = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/]+))?\/?$/;

function isQuery(req: IncomingMessage): boolean {
  return (
    String(req.headers['x-ms-documentdb-isquery']).toLowerCase() === 'true' ||
    req.headers['content-type'] === 'application/query+json'
  );
}

function isBatch(req: IncomingMessage): boolean {
  return String(req.headers['x-ms-cosmos-is-batch-request']).toLowerCase() === 'true';
}

function parseWrite(req: IncomingMessage, res: ServerResponse, body: string): DocumentWrite | undefined {
  const match = docsPath.exec((req.url ?? '').split('?')[0]!);
  const method = req.method ?? 'GET';
  if (!match || method === 'GET' || (method === 'POST' && isQuery(req))) return undefined;
  const database = decodeURIComponent(match[1]!);
  const container = decodeURIComponent(match[2]!);
  if (method === 'DELETE') {
    if (res.statusCode !== 204) return undefined;
    const partitionKey = req.headers['x-ms-documentdb-partitionkey'];
    const removed = match[3]
      ? { id: decodeURIComponent(match[3]), partitionKey: typeof partitionKey === 'string' ? partitionKey : undefined }
      : undefined;
    return { database, container, documents: [], deleted: true, ...(removed ? { removed } : {}) };
  }
  if (res.statusCode !== 200 && res.statusCode !== 201) return undefined;
  const parsed = JSON.parse(body) as unknown;
  if (method === 'POST' && isBatch(req)) {
    const results = Array.isArray(parsed)
      ? (parsed as { statusCode?: number; resourceBody?: Record<string, unknown> }[])
      : [];
    const documents = results
      .filter((r) => (r.statusCode === 200 || r.statusCode === 201) && r.resourceBody)
      .map((r) => r.resourceBody!);
    const deleted = results.some((r) => r.statusCode === 204);
    return documents.length > 0 || deleted ? { database, container, documents, deleted } : undefined;
  }
  return { database, container, documents: [parsed as Record<string, unknown>], deleted: false };
}

/**
 * Re-installs the server's request handler so that `onWrite` sees every committed document write
 * before it is answered; a rejected `onWrite` turns the answer into a 500 (the write is not durable).
 */
export function captureDocumentWrites(server: Server, onWrite: (write: DocumentWrite) => void | Promise<void>): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      let write: DocumentWrite | undefined;
      try {
        write = parseWrite(req, res, body);
      } catch {
        write = undefined; // not a document response: nothing committed
      }
      if (!write) return end(...args);
      let durable: Promise<void>;
      try {
        // Called now, not in a later tick: the log sees writes in the order the emulator applied them.
        durable = Promise.resolve(onWrite(write));
      } catch (error) {
        durable = Promise.reject(error);
      }
      durable.then(
        () => end(...args),
        (error: unknown) => {
          res.statusCode = 500;
          end(
            JSON.stringify({
              code: 'InternalServerError',
              message: `the write could not be made durable: ${String(error)}`,
            }),
          );
        },
      );
      return res;
    }) as ServerResponse['end'];
    for (const handler of handlers) handler(req, res);
  });
}
