// The HTTP trigger: every /api/* request runs through the shared Hono app (host.json keeps the
// "api" route prefix, so the app sees the same paths as on AWS).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createApp, type ServedBy } from '../core/app';
import { jsonLogger } from '../core/log';
import { activityStore, noteStore } from './clients';
import { toHttpResponseInit, toWebRequest } from './http-conversion';

/** What the adapter needs of the Hono app. */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

const AZURE_SERVED_BY: readonly ServedBy[] = ['azure', 'local-azure'];

export function servedByFrom(value: string | undefined): ServedBy {
  const servedBy = value ?? 'azure';
  if (!(AZURE_SERVED_BY as readonly string[]).includes(servedBy)) {
    throw new Error(`SERVED_BY must be one of ${AZURE_SERVED_BY.join(', ')}, not "${servedBy}"`);
  }
  return servedBy as ServedBy;
}

export function createApiHandler(getApp: () => FetchApp) {
  return async function apiHandler(request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> {
    const response = await getApp().fetch(await toWebRequest(request));
    return toHttpResponseInit(response, request.method);
  };
}

let app: FetchApp | undefined;
export const apiHandler = createApiHandler(() => {
  if (!app) {
    const servedBy = servedByFrom(process.env.SERVED_BY);
    app = createApp({ notes: noteStore(), activity: activityStore(), servedBy, log: jsonLogger(servedBy) });
  }
  return app;
});
