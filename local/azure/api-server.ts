import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { HttpRequest, HttpResponse, HttpResponseInit, InvocationContext } from '@azure/functions';
import { BODY_TOO_LARGE } from '../../handlers/core/json-body';
import { decodePathLeniently, noRouteDetail } from '../../handlers/core/path-decoding';
import { precheckRefusal, type Refusal } from '../../handlers/core/request-precheck';
import { type FrontDoor, logFrontDoorAnswer, refuse } from '../front-door-refusal';
import type { LocalLogger } from '../log';
import { BodyTooLargeError, readBody } from '../read-body';
import { originFormOf, ownHost, requestLineRefusal } from '../request-target';
import { answerUnparsedRequests } from '../unparsed-requests';
import { joinedHeaders, toHttpRequest, writeFunctionError, writeFunctionResponse } from './functions-http';
import { invocationContext } from './invocation-context';

export type HttpFunction = (
  request: HttpRequest,
  context: InvocationContext,
) => Promise<HttpResponse | HttpResponseInit>;

/**
 * A path outside the route prefix reaches no function. The real host answers a bare 404; here it is
 * answered as the app answers an unknown path on AWS (where API Gateway's $default route sends every
 * path to the Lambda), pre-check included, so both local clouds agree (docs/ARCHITECTURE.md, "Odd requests").
 */
function outsidePrefix(req: IncomingMessage, pathAndQuery: string): Refusal {
  const method = (req.method ?? 'GET').toUpperCase();
  const decodedPath = decodePathLeniently(new URL(`http://h${pathAndQuery}`).pathname);
  const head = { method, decodedPath, headers: Object.entries(joinedHeaders(req.rawHeaders)) };
  return precheckRefusal(head, { routes: [] }) ?? { status: 404, detail: noRouteDetail(method, decodedPath) };
}

/**
 * The emulated Function App's HTTP front door: every request under /api invokes the api function,
 * which logs its own request line; this front door logs what it answers itself (a refusal, with the
 * reason, or a failed invocation).
 */
export function createAzureApiServer(getHandler: () => Promise<HttpFunction>, log: LocalLogger): Server {
  const door: FrontDoor = { servedBy: 'local-azure', log };
  const server = createServer({ requireHostHeader: false }, async (req, res) => {
    const started = performance.now();
    try {
      const refused = requestLineRefusal(req);
      if (refused) return refuse(door, req, res, started, refused);
      const pathAndQuery = originFormOf(req.url ?? '/') ?? '/';
      const body = await readBody(req);
      const request = toHttpRequest(req, body, `http://${ownHost(req)}`);
      if (!request) return refuse(door, req, res, started, outsidePrefix(req, pathAndQuery));
      const handler = await getHandler();
      await writeFunctionResponse(res, await handler(request, invocationContext('api', log)));
    } catch (error) {
      // The host's own limit is larger (100 MB); local mode applies API Gateway's to both clouds.
      if (error instanceof BodyTooLargeError) {
        return refuse(door, req, res, started, {
          status: 413,
          detail: BODY_TOO_LARGE,
          headers: { connection: 'close' },
        });
      }
      const status = res.headersSent ? res.statusCode : writeFunctionError(res);
      logFrontDoorAnswer(door, { method: req.method ?? 'GET', target: req.url ?? '/', status, started, error });
    }
  });
  answerUnparsedRequests(server, door);
  return server;
}
