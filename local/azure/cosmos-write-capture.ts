import type { IncomingMessage, Server, ServerResponse } from 'node:http';

// @vercel/cosmosdb-server has no change feed. Its request handler is wrapped here so every response is
// seen as it is sent: a successful create/upsert/replace/patch answers with the stored document, which
// is exactly what the latest-version change feed reports. Responses are observed in commit order
// because the emulator applies writes synchronously before answering.

export interface DocumentWrite {
  database: string;
  container: string;
  /** The documents as stored (with _rid, _etag, _ts), in commit order. */
  documents: Record<string, unknown>[];
  /** True when documents were removed (hard delete): no change-feed entry, but the store changed. */
  deleted: boolean;
}

const docsPath = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/[^/]+)?\/?$/;

function isQuery(req: IncomingMessage): boolean {
  return String(req.headers['x-ms-documentdb-isquery']).toLowerCase() === 'true' || req.headers['content-type'] === 'application/query+json';
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
  if (method === 'DELETE') return res.statusCode === 204 ? { database, container, documents: [], deleted: true } : undefined;
  if (res.statusCode !== 200 && res.statusCode !== 201) return undefined;
  const parsed = JSON.parse(body) as unknown;
  if (method === 'POST' && isBatch(req)) {
    const results = Array.isArray(parsed) ? (parsed as { statusCode?: number; resourceBody?: Record<string, unknown> }[]) : [];
    const documents = results.filter((r) => (r.statusCode === 200 || r.statusCode === 201) && r.resourceBody).map((r) => r.resourceBody!);
    const deleted = results.some((r) => r.statusCode === 204);
    return documents.length > 0 || deleted ? { database, container, documents, deleted } : undefined;
  }
  return { database, container, documents: [parsed as Record<string, unknown>], deleted: false };
}

/** Re-installs the server's request handler so that `onWrite` sees every committed document write. */
export function captureDocumentWrites(server: Server, onWrite: (write: DocumentWrite) => void): void {
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
      const result = end(...args);
      if (write) onWrite(write);
      return result;
    }) as ServerResponse['end'];
    for (const handler of handlers) handler(req, res);
  });
}
