// Input schemas (valibot). Lengths count Unicode code points, so an emoji is one character.
import * as v from 'valibot';
import type { FieldError } from './problem';

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const NAME_MAX = 100;
export const LIMIT_DEFAULT = 20;
export const LIMIT_MAX = 100;
/** Far above any cursor our stores issue; stops a huge query string reaching a store. */
export const CURSOR_MAX = 4096;

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
// A lone surrogate is valid in a JSON string but not Unicode: stores would mangle it.
const LONE_SURROGATE = /\p{Surrogate}/u;

function text(field: string, min: number, max: number) {
  const range = min === 0 ? `at most ${max} characters` : `${min} to ${max} characters`;
  return v.pipe(
    v.string(`${field} must be a string`),
    v.check((s) => !LONE_SURROGATE.test(s), `${field} must be valid Unicode text (it has a lone surrogate)`),
    v.check((s) => {
      const n = codePoints(s);
      return n >= min && n <= max;
    }, `${field} must be ${range}`),
  );
}

/** Messages for the object itself: a missing key, an unknown key or not an object at all. */
const objectMessage = (issue: v.StrictObjectIssue): string => {
  const key = issue.path?.[issue.path.length - 1]?.key;
  if (key === undefined) return 'the body must be a JSON object';
  if (issue.expected === 'never') return `unknown key "${String(key)}" is not allowed`;
  return `${String(key)} is required`;
};

export const NoteInputSchema = v.strictObject(
  { title: text('title', 1, TITLE_MAX), body: text('body', 0, BODY_MAX) },
  objectMessage,
);
export type NoteInput = v.InferOutput<typeof NoteInputSchema>;

export const ListQuerySchema = v.object({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[0-9]{1,3}$/, `limit must be an integer from 1 to ${LIMIT_MAX}`),
      v.transform(Number),
      v.minValue(1, `limit must be an integer from 1 to ${LIMIT_MAX}`),
      v.maxValue(LIMIT_MAX, `limit must be an integer from 1 to ${LIMIT_MAX}`),
    ),
    String(LIMIT_DEFAULT),
  ),
  cursor: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'cursor must not be empty'),
      v.maxLength(CURSOR_MAX, `cursor must be at most ${CURSOR_MAX} characters`),
    ),
  ),
});

export const HelloQuerySchema = v.object({
  name: v.optional(text('name', 0, NAME_MAX)),
});

export const MAX_REPORTED_ERRORS = 10;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Runs a schema and reports every failed check with the field it concerns ("" = the whole input). */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): ValidationResult<v.InferOutput<S>> {
  if (Array.isArray(input)) return { ok: false, errors: [{ path: '', message: 'the body must be a JSON object' }] };
  const result = v.safeParse(schema, input, { abortEarly: false });
  if (result.success) return { ok: true, value: result.output };
  // A body of 64 KiB can hold thousands of unknown keys: report the first few, enough to fix the input.
  const issues = result.issues.slice(0, MAX_REPORTED_ERRORS);
  return { ok: false, errors: issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })) };
}
