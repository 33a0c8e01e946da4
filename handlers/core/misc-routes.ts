// /api/hello (the seed example), /api/health and /api/notes/:id/activity.
import type { Hono } from 'hono';
import type { AppDeps } from './deps';
import { HEALTHY, presentActivity } from './present';
import { problemResponse, RETRY_SOON } from './problem';
import { noteIdParam, validQuery } from './request-input';
import { HelloQuerySchema } from './validation';

export function registerMiscRoutes(app: Hono, deps: AppDeps): void {
  app.get('/api/hello', (c) => {
    const { name } = validQuery(c, HelloQuerySchema, ['name']);
    // An empty name is no name: "Hello, !" helps nobody.
    return c.json({ message: `Hello, ${name || 'world'}!` });
  });

  app.get('/api/health', async (c) => {
    try {
      await deps.notes.ping();
    } catch {
      // Whatever the cause, a store that does not answer makes this instance unhealthy.
      return problemResponse(503, 'The store is not answering.', { headers: RETRY_SOON });
    }
    return c.json(HEALTHY);
  });

  // Activity is kept after a note is deleted (the delete is an event too), so no note lookup here.
  app.get('/api/notes/:id/activity', async (c) => {
    const id = noteIdParam(c);
    const items = (await deps.activity.list(id)).map(presentActivity);
    return c.json({ items });
  });
}
