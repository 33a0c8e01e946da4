// /api/hello (the seed example), /api/health and /api/notes/:id/activity.
import type { Hono } from 'hono';
import { requestOwner } from './auth/middleware';
import type { AppDeps } from './deps';
import { NoteNotFoundError } from './ports';
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

  // Activity is kept after a note is deleted (the delete is an event too), so a note with activity is
  // answered without a note lookup. With none, 404 unless the caller has that note (its first event
  // may not have arrived yet): a stranger's note and a missing one look the same.
  app.get('/api/notes/:id/activity', async (c) => {
    const id = noteIdParam(c);
    const owner = requestOwner(c);
    const items = (await deps.activity.list(owner, id)).map(presentActivity);
    if (items.length === 0 && !(await deps.notes.get(owner, id))) throw new NoteNotFoundError(id);
    return c.json({ items });
  });
}
