// The API Gateway HTTP API (payload 2.0) adapter around core's app, built with hono's own adapter.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type APIGatewayProxyResult, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { Hono } from 'hono';
import { type AppOptions, createApp } from '../core/app';

export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResult>;

/** Core's app as a payload 2.0 Lambda handler. */
export function apiHandler(options: AppOptions): ApiHandler {
  return lambdaHandlerFor(createApp(options));
}

/** Any hono app behind the same adapter (tests probe the adapter with their own routes). */
export function lambdaHandlerFor(app: Hono): ApiHandler {
  const lambda = handle(app);
  return async (event, context) => {
    // API Gateway passes a body on GET/HEAD, which fetch's Request refuses (hono would answer a bare
    // 400 without x-served-by). Such a body has no meaning (RFC 9110 §9.3.1): drop it.
    const method = event.requestContext.http.method.toUpperCase();
    const body = method === 'GET' || method === 'HEAD' ? null : (event.body ?? null);
    // hono's event type spells a missing body as null where @types/aws-lambda leaves it out.
    const honoEvent = { ...event, body } as unknown as LambdaEvent; // same JSON, two hand-written typings
    return lambda(honoEvent, context as LambdaContext | undefined);
  };
}
