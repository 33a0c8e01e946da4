import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { LocalLogger } from '../log';
import { BodyTooLargeError, readBody } from '../read-body';
import { toApiGatewayEvent } from './api-gateway-event';
import { type LambdaHttpResult, writeApiGatewayResult, writeIntegrationError } from './api-gateway-response';
import { lambdaContext } from './lambda-context';

export type ApiLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<LambdaHttpResult>;

/**
 * The emulated HTTP API: every request becomes one payload-2.0 invocation of the api Lambda. The app
 * writes the request's log line itself (as in the cloud); this front door logs only what it answers
 * on its own, i.e. a failed invocation.
 */
export function createAwsApiServer(getHandler: () => Promise<ApiLambda>, log: LocalLogger): Server {
  return createServer(async (req, res) => {
    const started = performance.now();
    try {
      const body = await readBody(req);
      const event = toApiGatewayEvent(req, body, { requestId: randomUUID(), now: new Date() });
      const handler = await getHandler();
      writeApiGatewayResult(res, await handler(event, lambdaContext('api')));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // API Gateway refuses the payload itself; the Lambda never runs.
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
        return;
      }
      const status = writeIntegrationError(res);
      const route = (req.url ?? '/').split('?')[0]!;
      log({ level: 'error', cloud: 'local-aws', method: req.method ?? 'GET', route, status, durationMs: Math.round(performance.now() - started), error: String(error) });
    }
  });
}
