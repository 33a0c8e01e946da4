import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { BODY_TOO_LARGE } from '../../handlers/core/json-body';
import { type FrontDoor, logFrontDoorAnswer, refuse } from '../front-door-refusal';
import type { LocalLogger } from '../log';
import { BodyTooLargeError, readBody } from '../read-body';
import { requestLineRefusal } from '../request-target';
import { answerUnparsedRequests } from '../unparsed-requests';
import { toApiGatewayEvent } from './api-gateway-event';
import { type LambdaHttpResult, writeApiGatewayResult, writeIntegrationError } from './api-gateway-response';
import { lambdaContext } from './lambda-context';

export type ApiLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<LambdaHttpResult>;

/**
 * The emulated HTTP API: every request becomes one payload-2.0 invocation of the api Lambda. The app
 * writes the request's log line itself (as in the cloud); this front door logs what it answers on its
 * own: a refusal (as a problem, with the reason) or a failed invocation.
 */
export function createAwsApiServer(getHandler: () => Promise<ApiLambda>, log: LocalLogger): Server {
  const door: FrontDoor = { servedBy: 'local-aws', log };
  const server = createServer({ requireHostHeader: false }, async (req, res) => {
    const started = performance.now();
    try {
      const refused = requestLineRefusal(req);
      if (refused) return refuse(door, req, res, started, refused);
      const body = await readBody(req);
      const event = toApiGatewayEvent(req, body, { requestId: randomUUID(), now: new Date() });
      const handler = await getHandler();
      writeApiGatewayResult(res, await handler(event, lambdaContext('api')));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // API Gateway refuses the payload itself; the Lambda never runs. Answered as the app answers
        // any body over its own, smaller limit (in the cloud, API Gateway's answer is its own JSON).
        return refuse(door, req, res, started, {
          status: 413,
          detail: BODY_TOO_LARGE,
          headers: { connection: 'close' },
        });
      }
      const status = writeIntegrationError(res);
      logFrontDoorAnswer(door, { method: req.method ?? 'GET', target: req.url ?? '/', status, started, error });
    }
  });
  answerUnparsedRequests(server, door);
  return server;
}
