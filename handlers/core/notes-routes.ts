// /api/notes and /api/notes/:id: create, read, list, replace (If-Match required), delete.
import type { Hono } from 'hono';
import { requestOwner } from './auth/middleware';
import type { AppDeps } from './deps';
import { etagOf, parseIfMatch } from './if-match';
import { jsonBody } from './json-body';
import { type Note, NoteNotFoundError, VersionMismatchError } from './ports';
import { presentNote } from './present';
import { ProblemError, versionMismatch } from './problem';
import { noteIdParam, requireNoteId, validNoteInput, validQuery } from './request-input';
import { ListQuerySchema } from './validation';

/** Reads and conditional writes a PUT with `If-Match: *` makes before a run of lost races is 412. */
const ANY_VERSION_ATTEMPTS = 5;

function ifMatchOf(header: string | undefined) {
  const ifMatch = parseIfMatch(header);
  if (ifMatch.kind === 'malformed') {
    throw new ProblemError(400, 'If-Match must be a note version such as "3", 3, W/"3", or *.', {
      errors: [{ path: 'If-Match', message: 'not a note version' }],
    });
  }
  return ifMatch;
}

export function registerNoteRoutes(app: Hono, deps: AppDeps): void {
  // GET before POST: registration order is the order of the Allow header.
  app.get('/api/notes', async (c) => {
    const query = validQuery(c, ListQuerySchema, ['limit', 'cursor']);
    const page = await deps.notes.list(requestOwner(c), query.cursor === undefined ? { limit: query.limit } : query);
    const items = page.items.map(presentNote);
    return c.json(page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor });
  });

  app.post('/api/notes', jsonBody, async (c) => {
    const input = await validNoteInput(c);
    const time = deps.now().toISOString();
    const note: Note = {
      id: deps.newId(),
      title: input.title,
      body: input.body,
      createdAt: time,
      updatedAt: time,
      version: 1,
    };
    await deps.notes.create(requestOwner(c), note);
    c.header('location', `/api/notes/${note.id}`);
    c.header('etag', etagOf(note.version));
    return c.json(presentNote(note), 201);
  });

  app.get('/api/notes/:id', async (c) => {
    const id = noteIdParam(c);
    const note = await deps.notes.get(requestOwner(c), id);
    if (!note) throw new NoteNotFoundError(id);
    c.header('etag', etagOf(note.version));
    return c.json(presentNote(note));
  });

  app.put('/api/notes/:id', requireNoteId, jsonBody, async (c) => {
    const id = noteIdParam(c);
    const owner = requestOwner(c);
    const input = await validNoteInput(c);
    const ifMatch = ifMatchOf(c.req.header('if-match'));
    if (ifMatch.kind === 'absent') {
      throw new ProblemError(
        428,
        'Send If-Match with the version you are replacing (from the ETag), or * for any version.',
      );
    }
    for (let attempt = 1; ; attempt++) {
      const current = await deps.notes.get(owner, id);
      if (!current) throw new NoteNotFoundError(id);
      if (ifMatch.kind === 'version' && ifMatch.version !== current.version) return versionMismatch(id);
      const next: Note = {
        ...current,
        title: input.title,
        body: input.body,
        updatedAt: deps.now().toISOString(),
        version: current.version + 1,
      };
      try {
        // Conditional on the version just read, so a concurrent writer in between still gets 412.
        await deps.notes.replace(owner, next, current.version);
      } catch (error) {
        // "*" asks for any version: a write that slipped in between is no conflict, so read again
        // (a race's loser gets what it would get had it come just after the winner).
        if (error instanceof VersionMismatchError && ifMatch.kind === 'any' && attempt < ANY_VERSION_ATTEMPTS) continue;
        throw error;
      }
      c.header('etag', etagOf(next.version));
      return c.json(presentNote(next));
    }
  });

  app.delete('/api/notes/:id', async (c) => {
    const id = noteIdParam(c);
    const ifMatch = ifMatchOf(c.req.header('if-match'));
    await deps.notes.remove(requestOwner(c), id, ifMatch.kind === 'version' ? ifMatch.version : undefined);
    return c.body(null, 204);
  });
}
