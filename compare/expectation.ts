// What the contract (docs/ARCHITECTURE.md, "HTTP contract") expects of one answer, built from core's own
// constants and response schemas, so the compare tool cannot drift from the app it judges.
import * as v from 'valibot';
import { createApp } from '../handlers/core/app';
import { noSignIn } from '../handlers/core/auth/authenticator';
import { TokenRejectedError } from '../handlers/core/auth/errors';
import { bearerChallenge } from '../handlers/core/auth/middleware';
import { etagOf } from '../handlers/core/if-match';
import { JSON_MEDIA_TYPE } from '../handlers/core/json-body';
import { MemoryActivityStore, MemoryNoteStore } from '../handlers/core/memory-stores';
import type { Note } from '../handlers/core/ports';
import { PROBLEM_TYPE, reasonPhrase } from '../handlers/core/problem';
import { allowedMethods } from '../handlers/core/request-precheck';
import { NoteResponseSchema, ProblemSchema } from '../handlers/core/response-schemas';

export interface Expectation {
  status: number;
  /** The body's media type; undefined: no body at all (204). */
  mediaType?: string;
  /** The body's shape, and the values the scenario knows in advance. */
  body?: v.GenericSchema;
  etag?: string;
  /** The path Location must name (an absolute URL to it is accepted). */
  location?: string;
  /** The methods Allow must list, in any order. */
  allow?: readonly string[];
  /** What WWW-Authenticate must match (a 401's Bearer challenge, RFC 6750 §3). */
  challenge?: RegExp;
}

export const json = (status: number, body: v.GenericSchema): Expectation => ({
  status,
  mediaType: JSON_MEDIA_TYPE,
  body,
});

export const noContent: Expectation = { status: 204 };

/** An RFC 9457 problem with the status's reason phrase; `errorPaths` must each be named in `errors`. */
export function problem(status: number, ...errorPaths: string[]): Expectation {
  const shape = v.strictObject({
    ...ProblemSchema.entries,
    status: v.literal(status),
    title: v.literal(reasonPhrase(status)),
  });
  const named = v.check(
    (p: v.InferOutput<typeof shape>) => errorPaths.every((path) => p.errors?.some((e) => e.path === path) === true),
    `errors must name ${errorPaths.join(', ')}`,
  );
  return { status, mediaType: PROBLEM_TYPE, body: errorPaths.length === 0 ? shape : v.pipe(shape, named) };
}

export type ExpectedNote = Pick<Note, 'title' | 'body' | 'version'> & { id?: string };

/** A note's fields as the scenario knows them (the id when it has one): for bodies and list items. */
export function noteShape(note: ExpectedNote) {
  return v.strictObject({
    ...NoteResponseSchema.entries,
    ...(note.id === undefined ? {} : { id: v.literal(note.id) }),
    title: v.literal(note.title),
    body: v.literal(note.body),
    version: v.literal(note.version),
  });
}

/** 200 or 201 with the note and its ETag; a 201 also names it in Location. */
export function noteAnswer(status: 200 | 201, note: ExpectedNote): Expectation {
  const expected: Expectation = { ...json(status, noteShape(note)), etag: etagOf(note.version) };
  if (status === 201) expected.location = `/api/notes/${note.id ?? '<the id in the body>'}`;
  return expected;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * 401 with the app's Bearer challenge (handlers/core/auth/middleware.ts): without credentials no error
 * code (RFC 6750 §3.1); with a bad token `error="invalid_token"` and a description.
 */
export function unauthorized(kind: 'no token' | 'bad token'): Expectation {
  const realm = escapeRegExp(bearerChallenge(new TokenRejectedError('', true)));
  return {
    ...problem(401),
    challenge:
      kind === 'no token'
        ? new RegExp(`^${realm}$`)
        : new RegExp(`^${realm}, error="invalid_token", error_description="[^"]+"$`),
  };
}

// The app's own route table answers "which methods does this path allow?", as the 405 handler does.
const ROUTES = createApp({
  auth: noSignIn(),
  notes: new MemoryNoteStore(),
  activity: new MemoryActivityStore(),
  servedBy: 'local-aws',
}).routes;

/** 405 with Allow listing the methods the app's routes allow on `path`. */
export function methodNotAllowed(path: string): Expectation {
  return { ...problem(405), allow: allowedMethods(ROUTES, path) };
}
