import { createServer, type Server } from 'node:http';
import type { HttpRequest, HttpResponse, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { LocalLogger } from '../log';
import { readBody } from '../read-body';
import { toHttpRequest, writeFunctionError, writeFunctionResponse, writeNoFunction } from './functions-http';
import { invocationContext } from './invocation-context';

export type HttpFunction = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponse | HttpResponseInit>;

/**
 * The emulated Function App's HTTP front door: every request under /api invokes the api function,
 * which logs its own request line; this front door logs only what it answers itself (no function
 * for the path, or a failed invocation).
 */
export function createAzureApiServer(getHandler: () => Promise<HttpFunction>, log: LocalLogger): Server {
  return createServer(async (req, res) => {
    const started = performance.now();
    const logSelf = (status: number, error?: unknown) => {
      const route = (req.url ?? '/').split('?')[0]!;
      const line = { cloud: 'local-azure', method: req.method ?? 'GET', route, status, durationMs: Math.round(performance.now() - started) };
      log(error === undefined ? { level: 'info', ...line } : { level: 'error', ...line, error: String(error) });
    };
    try {
      const body = await readBody(req);
      const request = toHttpRequest(req, body, `http://${req.headers.host ?? 'localhost'}`);
      if (!request) return logSelf(writeNoFunction(res));
      const handler = await getHandler();
      await writeFunctionResponse(res, await handler(request, invocationContext('api', log)));
    } catch (error) {
      logSelf(res.headersSent ? res.statusCode : writeFunctionError(res), error);
    }
  });
}
