// The API Gateway HTTP API (payload 2.0) adapter around core's app, built with hono's own adapter.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type APIGatewayProxyResult, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { Hono } from 'hono';
import type { ServedBy } from '../../contract/served-by';
import { type AppOptions, createApp } from '../core/app';
import type { Logger } from '../core/log';
import { encodeDecodedPath } from '../core/path-decoding';
import { precheckRequest } from '../core/request-precheck';

export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResult>;

/** Core's app as a payload 2.0 Lambda handler. */
export function apiHandler(options: AppOptions): ApiHandler {
  return lambdaHandlerFor(createApp(options), options.servedBy, options.log);
}

/** Header values as the app would see them, cookies included (API Gateway moves them to `cookies`). */
function headerEntries(event: APIGatewayProxyEventV2): [string, string][] {
  const entries = Object.entries(event.headers ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
  if (event.cookies?.length) entries.push(['cookie', event.cookies.join('; ')]);
  return entries;
}

/** A refusal from the pre-check, in the shape API Gateway expects back. */
async function toLambdaResult(response: Response, method: string): Promise<APIGatewayProxyResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = method === 'HEAD' ? '' : await response.text();
  return { statusCode: response.status, headers, body, isBase64Encoded: false };
}

/**
 * hono's Lambda adapter drops a header whose value is empty; the app must see it as sent (an empty
 * If-Match is a malformed one, not a missing one, as on Azure). Only such rare requests are copied.
 */
function withEmptyHeaders(request: Request, event: APIGatewayProxyEventV2): Request {
  const empty = Object.keys(event.headers ?? {}).filter((name) => event.headers[name] === '');
  if (empty.length === 0) return request;
  const headers = new Headers(request.headers);
  for (const name of empty) headers.set(name, '');
  return new Request(request, { headers });
}

/**
 * Any hono app behind the same adapter (tests probe the adapter with their own routes). hono builds the
 * URL from `requestContext.domainName`, which API Gateway vouches for, never from the Host header; the
 * path is the decoded rawPath encoded again (`encodeDecodedPath`).
 */
export function lambdaHandlerFor(app: Hono, servedBy: ServedBy = 'aws', log?: Logger): ApiHandler {
  // handle() calls nothing of the app but fetch(request, env), with env.event the event it was given.
  const withEvent = {
    fetch: (request: Request, env: { event: APIGatewayProxyEventV2 }) =>
      app.fetch(withEmptyHeaders(request, env.event), env),
  };
  const lambda = handle(withEvent as unknown as Hono);
  return async (event, context) => {
    const method = event.requestContext.http.method.toUpperCase();
    const refused = precheckRequest(
      { method, decodedPath: event.rawPath, headers: headerEntries(event) },
      { servedBy, routes: app.routes, log },
    );
    if (refused) return toLambdaResult(refused, method);
    // API Gateway passes a body on GET/HEAD, which fetch's Request refuses (hono would answer a bare
    // 400 without x-served-by). Such a body has no meaning (RFC 9110 §9.3.1): drop it.
    const body = method === 'GET' || method === 'HEAD' ? null : (event.body ?? null);
    const rawPath = encodeDecodedPath(event.rawPath);
    // hono's event type spells a missing body as null where @types/aws-lambda leaves it out.
    const honoEvent = { ...event, rawPath, body } as unknown as LambdaEvent; // same JSON, two hand-written typings
    return lambda(honoEvent, context as LambdaContext | undefined);
  };
}
