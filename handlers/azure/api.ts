// The HTTP trigger: every /api/* request runs through the shared Hono app (host.json keeps the
// "api" route prefix, so the app sees the same paths as on AWS).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { SERVED_BY_SETTING, type ServedBy, servedByFor } from '../../contract/served-by';
import { createApp } from '../core/app';
import { type Authenticator, authenticatorFromEnv } from '../core/auth/authenticator';
import { reportingEnabled } from '../core/consumption';
import { createLogger, type Logger } from '../core/log';
import { type MutableLogger, mutableLogger } from '../core/muted-logger';
import { decodePathLeniently, encodeDecodedPath } from '../core/path-decoding';
import { precheckRequest } from '../core/request-precheck';
import { activityStore, noteStore } from './clients';
import { splitUrl, toHttpResponseInit, toWebRequest } from './http-conversion';

// The warm-up's URL: never resolved (the app answers it in-process), .invalid so it could not be (RFC 2606).
const WARM_UP_URL = 'https://init.invalid/api/hello';

/** What the adapter needs of the Hono app. */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
  /** hono's route list, for the `Allow` header of a refused method. */
  routes?: readonly { method: string; path: string }[];
}

/**
 * `getServedBy` marks the answers the adapter gives itself (the app marks its own), `getLog` logs them.
 * The app's URL is the host's (scheme and authority as the Functions host vouches for them, never a
 * client header) with the path decoded as API Gateway hands it to the Lambda and encoded again, so the
 * app routes on the same path on both clouds (`%2F` is a separator on both).
 */
export function createApiHandler(
  getApp: () => FetchApp,
  getServedBy: () => ServedBy = servedByFromSettings(),
  getLog: () => Logger | undefined = () => undefined,
) {
  return async function apiHandler(request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> {
    const app = getApp();
    const method = request.method.toUpperCase();
    const headers: [string, string][] = [];
    request.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    const url = splitUrl(request.url);
    const decodedPath = url.pathname.includes('%') ? decodePathLeniently(url.pathname) : url.pathname;
    const refused = precheckRequest(
      { method, decodedPath, headers },
      { servedBy: getServedBy(), routes: app.routes, log: getLog() },
    );
    const response =
      refused ??
      (await app.fetch(toWebRequest(request, method, `${url.origin}${encodeDecodedPath(decodedPath)}${url.search}`)));
    return toHttpResponseInit(response, method);
  };
}

/**
 * SERVED_BY as the app reads it: once (app settings change only with a restart of the worker), and
 * not before it is needed; a bad value throws every time it is asked for.
 */
function servedByFromSettings(): () => ServedBy {
  let servedBy: ServedBy | undefined;
  return () => (servedBy ??= servedByFor('azure', process.env[SERVED_BY_SETTING]));
}

export interface AzureApiEntryOptions {
  /** Default: SERVED_BY from the app settings, else `azure`. Local mode passes `local-azure`. */
  servedBy?: ServedBy;
  /** Default: JSON lines on stdout/stderr (Application Insights). Local mode passes its own log sink. */
  log?: Logger;
  /** Default: from AUTH_ISSUER / AUTH_AUDIENCE / AUTH_MODE (contract/settings.ts). */
  auth?: Authenticator;
  /**
   * Build the app and its clients when the entry is created, answer one GET /api/hello to nobody (V8
   * compiles the request path) and start fetching the issuer's keys, so the first caller does not wait
   * for them. The package's main (index.ts) asks for it: the worker loads it before it is sent invocations.
   */
  buildNow?: boolean;
}

/**
 * The api function; the app (its clients and its authenticator, which keeps the issuer's keys) is built
 * once per instance: now when asked, else on first use. A bad sign-in config throws at the first
 * invocation, and on every one until it is fixed: no note is ever served without it.
 */
export function createAzureApiEntry(options: AzureApiEntryOptions = {}) {
  let app: FetchApp | undefined;
  let auth: Authenticator | undefined;
  let log: MutableLogger | undefined;
  let warm: Promise<void> = Promise.resolve();
  const fromSettings = servedByFromSettings();
  const servedBy = () => options.servedBy ?? fromSettings();
  const getLog = () => (log ??= mutableLogger(options.log ?? createLogger(servedBy())));
  const getApp = () => {
    if (!app) {
      auth = options.auth ?? authenticatorFromEnv(process.env);
      app = createApp({
        auth,
        notes: noteStore(),
        activity: activityStore(),
        servedBy: servedBy(),
        log: getLog(),
        reportConsumption: reportingEnabled(),
      });
    }
    return app;
  };
  if (options.buildNow) {
    try {
      const built = getApp();
      auth?.prepare?.();
      // Muted: not a request anyone made. Invocations wait for it, so none of their lines falls in its window.
      warm = getLog()
        .muted(async () => (await built.fetch(new Request(WARM_UP_URL))).arrayBuffer())
        .then(
          () => undefined,
          () => undefined,
        );
    } catch {
      // Missing app settings: the first invocation builds again and fails with what is missing.
    }
  }
  const handler = createApiHandler(getApp, servedBy, getLog);
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    await warm;
    return handler(request, context);
  };
}

export const apiHandler = createAzureApiEntry();
