// Turns raw request parts into validated values, or throws the ProblemError the contract names.
import type { Context, MiddlewareHandler } from 'hono';
import type * as v from 'valibot';
import { isNoteId } from './ids';
import { readJson } from './json-body';
import { ProblemError } from './problem';
import { NoteInputSchema, type NoteInput, validate } from './validation';

/** The `:id` path parameter; an id that is not a UUID cannot exist, so 404 without asking the store. */
export function noteIdParam(c: Context): string {
  const id: string = c.req.param('id') ?? '';
  const shown = id.slice(0, 64); // before the type guard narrows a non-id to never
  if (isNoteId(id)) return id;
  throw new ProblemError(404, `No note has the id "${shown}": note ids are lower-case UUIDs.`);
}

/** Runs first on /api/notes/:id routes, so a bad id is 404 before any media-type or size check. */
export const requireNoteId: MiddlewareHandler = async (c, next) => {
  noteIdParam(c);
  await next();
};

/** Each named query parameter at most once (a repeated one is ambiguous, so 400). */
function queryOf(c: Context, names: readonly string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of names) {
    const values = c.req.queries(name);
    if (values && values.length > 1) {
      throw new ProblemError(400, `The query parameter "${name}" is given more than once.`, {
        errors: [{ path: name, message: `${name} must be given at most once` }],
      });
    }
    if (values?.[0] !== undefined) query[name] = values[0];
  }
  return query;
}

export function validQuery<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  names: readonly string[],
): v.InferOutput<S> {
  const result = validate(schema, queryOf(c, names));
  if (!result.ok) {
    throw new ProblemError(400, `Invalid query: ${result.errors.map((e) => e.message).join('; ')}.`, {
      errors: result.errors,
    });
  }
  return result.value;
}

export async function validNoteInput(c: Context): Promise<NoteInput> {
  const result = validate(NoteInputSchema, await readJson(c));
  if (!result.ok) {
    throw new ProblemError(400, `Invalid note: ${result.errors.map((e) => e.message).join('; ')}.`, {
      errors: result.errors,
    });
  }
  return result.value;
}
