// The API Gateway HTTP API (payload 2.0) adapter around core's app, built with hono's own adapter.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type APIGatewayProxyResult, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { Hono } from 'hono';
import { type AppOptions, createApp, type ServedBy } from '../core/app';
import { precheckRequest } from '../core/request-precheck';

export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResult>;

/** Core's app as a payload 2.0 Lambda handler. */
export function apiHandler(options: AppOptions): ApiHandler {
  return lambdaHandlerFor(createApp(options), options.servedBy);
}

/**
 * API Gateway hands over rawPath percent-decoded, and hono pastes it into a URL as is: a decoded "?",
 * "#", space or newline would cut or change the path. Everything that may not stand raw in a path
 * (RFC 3986 pchar and "/") is encoded again, "%" included: a "%" in a decoded path was sent as "%25",
 * and leaving it raw would let "%2541" reach the app as "A". Lone surrogates cannot be UTF-8: U+FFFD.
 */
export function encodeDecodedPath(rawPath: string): string {
  return rawPath.replace(/\p{Cs}/gu, '\uFFFD').replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, encodeURIComponent);
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
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = method === 'HEAD' ? '' : await response.text();
  return { statusCode: response.status, headers, body, isBase64Encoded: false };
}

/** Any hono app behind the same adapter (tests probe the adapter with their own routes). */
export function lambdaHandlerFor(app: Hono, servedBy: ServedBy = 'aws'): ApiHandler {
  const lambda = handle(app);
  return async (event, context) => {
    const method = event.requestContext.http.method.toUpperCase();
    const refused = precheckRequest({ method, decodedPath: event.rawPath, headers: headerEntries(event) }, { servedBy, routes: app.routes });
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
