// The HTTP application shared by every target (docs/ARCHITECTURE.md, "HTTP contract").
import type { Context, Hono } from 'hono';
import { HonoBase } from 'hono/hono-base';
// The TrieRouter alone: it builds its tree as routes are added (at init). hono's default SmartRouter
// compiles every route into one RegExp on the first request, which each cold start pays, and weighs
// twice as much; hono's smaller presets (quick, tiny) also match "/api/notes/" as "/api/notes".
import { TrieRouter } from 'hono/router/trie-router';
import type { ServedBy } from '../../contract/served-by';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { matchedRoutes } from 'hono/route';
import type { Authenticator } from './auth/authenticator';
import { protectNotes } from './auth/middleware';
import { CONSUMPTION_HEADER, encodeConsumption, withConsumption } from './consumption';
import type { AppDeps } from './deps';
import { newNoteId } from './ids';
import { errorsOnlyLogger, type Logger, UNMATCHED_ROUTE } from './log';
import { registerMiscRoutes } from './misc-routes';
import { registerNoteRoutes } from './notes-routes';
import type { ActivityStore, NoteStore } from './ports';
import { noRouteDetail } from './path-decoding';
import { problemDetailOf, problemResponse, toProblemResponse } from './problem';
import { startStopwatch } from './stopwatch';

export interface AppOptions {
  notes: NoteStore;
  activity: ActivityStore;
  /**
   * Who is calling: the notes routes answer 401/503 without an owner (handlers/core/auth/). The
   * adapters build one per container from the environment; `createAuthenticator({ mode: 'none' })`
   * makes every caller the anonymous owner.
   */
  auth: Authenticator;
  /** The x-served-by value on every response. */
  servedBy: ServedBy;
  now?: () => Date;
  newId?: () => string;
  /** Defaults to logging unexpected errors only; adapters pass `createLogger(cloud)` for request lines. */
  log?: Logger;
  /** REPORT_CONSUMPTION: each response carries what the request consumed (handlers/core/consumption.ts). */
  reportConsumption?: boolean;
  /** The function's memory, when the platform states it: reported with the consumption. */
  memoryMb?: number;
}

/** The route pattern a request matched (for logs), or "unmatched". */
function routeOf(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers[handlers.length - 1]?.path ?? UNMATCHED_ROUTE;
}

export function createApp(options: AppOptions): Hono {
  const deps: AppDeps = {
    notes: options.notes,
    activity: options.activity,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => newNoteId()),
  };
  const log = options.log ?? errorsOnlyLogger(options.servedBy);
  const app: Hono = new HonoBase({ router: new TrieRouter() });

  // Outermost, so it also marks 404s, 405s and error responses.
  app.use(async (c, next) => {
    const elapsedMs = startStopwatch();
    if (options.reportConsumption) {
      await withConsumption(
        next,
        (used) => c.res.headers.set(CONSUMPTION_HEADER, encodeConsumption(used)),
        options.memoryMb,
      );
    } else {
      await next();
    }
    c.res.headers.set('x-served-by', options.servedBy);
    // hono answers HEAD with the GET answer's headers and no body: say how long that body is.
    if (c.req.method === 'HEAD' && !c.res.headers.has('content-length') && c.res.body) {
      c.res.headers.set('content-length', String((await c.res.clone().arrayBuffer()).byteLength));
    }
    const reason = c.res.status >= 400 ? await problemDetailOf(c.res) : undefined;
    const durationMs = elapsedMs();
    const entry = { method: c.req.method, route: routeOf(c), status: c.res.status, durationMs };
    log.request(reason === undefined ? entry : { ...entry, reason });
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(405, `${c.req.method} is not allowed here; use ${methods.join(', ')}.`, {
          headers: { allow: methods.join(', ') },
        }),
    }),
  );

  // After the 405 middleware (a wrong method is 405 with or without a token), before the routes.
  protectNotes(app, options.auth);
  registerMiscRoutes(app, deps);
  registerNoteRoutes(app, deps);

  app.notFound((c) => problemResponse(404, noRouteDetail(c.req.method, c.req.path)));
  app.onError((error, c) => toProblemResponse(error, (e) => log.error(e, { method: c.req.method, route: routeOf(c) })));
  return app;
}
