// The HTTP application shared by every target (docs/ARCHITECTURE.md, "HTTP contract").
import { type Context, Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { matchedRoutes } from 'hono/route';
import { CONSUMPTION_HEADER, encodeConsumption, withConsumption } from './consumption';
import type { AppDeps } from './deps';
import { newNoteId } from './ids';
import { errorsOnlyLogger, type Logger, type ServedBy } from './log';
import { registerMiscRoutes } from './misc-routes';
import { registerNoteRoutes } from './notes-routes';
import { decodePathLeniently } from './path-decoding';
import type { ActivityStore, NoteStore } from './ports';
import { problemResponse, toProblemResponse } from './problem';

export type { ServedBy } from './log';

export interface AppOptions {
  notes: NoteStore;
  activity: ActivityStore;
  /** The x-served-by value on every response. */
  servedBy: ServedBy;
  now?: () => Date;
  newId?: () => string;
  /** Defaults to logging unexpected errors only; adapters pass `jsonLogger(cloud)` for request lines. */
  log?: Logger;
  /** REPORT_CONSUMPTION: each response carries what the request consumed (handlers/core/consumption.ts). */
  reportConsumption?: boolean;
}

/** The route pattern a request matched (for logs), or "unmatched". */
function routeOf(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers[handlers.length - 1]?.path ?? 'unmatched';
}

export function createApp(options: AppOptions): Hono {
  const deps: AppDeps = {
    notes: options.notes,
    activity: options.activity,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => newNoteId()),
  };
  const log = options.log ?? errorsOnlyLogger(options.servedBy);
  const app = new Hono();

  // Outermost, so it also marks 404s, 405s and error responses.
  app.use(async (c, next) => {
    const started = performance.now();
    if (options.reportConsumption) {
      await withConsumption(next, (used) => c.res.headers.set(CONSUMPTION_HEADER, encodeConsumption(used)));
    } else {
      await next();
    }
    c.res.headers.set('x-served-by', options.servedBy);
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    log.request({ method: c.req.method, route: routeOf(c), status: c.res.status, durationMs });
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

  registerMiscRoutes(app, deps);
  registerNoteRoutes(app, deps);

  // Quoted fully decoded: API Gateway hands the Lambda a decoded rawPath while the Functions host
  // passes it as sent, and the same request must get the same body.
  app.notFound((c) => problemResponse(404, `There is no route ${c.req.method} ${decodePathLeniently(c.req.path).slice(0, 200)}.`));
  app.onError((error, c) =>
    toProblemResponse(error, (e) => log.error(e, { method: c.req.method, route: routeOf(c) })),
  );
  return app;
}
