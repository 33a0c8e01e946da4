// Owner isolation: signed in as a second user, B, compare checks on each cloud that A's notes
// are out of B's reach (404 on every route, as for a note that does not exist) and B's are out of A's;
// and that a notes route refuses a request without a token or with a forged one (401 + Bearer
// challenge) while hello and health stay public. Run while A's note-1 (version 2), note-2 and note-3 exist.
import * as v from 'valibot';
import { HealthSchema, HelloSchema } from '../handlers/core/response-schemas';
import { type ExpectedNote, json, methodNotAllowed, noContent, noteAnswer, problem, unauthorized } from './expectation';
import type { CloudClient } from './http-client';
import { walkList, walkOutcome } from './polling-steps';
import { UNKNOWN_ID, type CloudState } from './scenario-state';
import { forgedAuthorization } from './sign-in';
import type { SignIn } from './sign-in-mode';
import { type Step, type StepEnv, requestStep } from './step';
import type { StepOutcome } from './types';

const B_NOTE = { role: 'note-b', title: 'compare: user B note', body: 'Written by the compare tool as user B.' };

/** B's token (these steps run only with sign-in on, where decideSignIn set it). */
const asB = (env: StepEnv): string => (env.signIn as Extract<SignIn, { on: true }>).b;
const asA = (env: StepEnv): string => (env.signIn as Extract<SignIn, { on: true }>).a;

/** A list walked as `user`, summarised as the other user's notes it shows (must be none). */
function listExcludesStep(
  name: string,
  description: string,
  as: (env: StepEnv) => string,
  othersRoles: (s: CloudState) => readonly string[],
): Step {
  return {
    name,
    description,
    needsSignIn: true,
    async run(client: CloudClient, state, env): Promise<StepOutcome> {
      const walk = await walkList(client, as(env));
      if (walk.status !== 200 || walk.note !== undefined) return walkOutcome(walk);
      const others = new Map(othersRoles(state).map((role) => [state.idOf(role), role]));
      return walkOutcome(walk, {
        othersNotesListed: walk.items.filter((n) => others.has(n.id)).map((n) => others.get(n.id)),
      });
    },
    expect: () =>
      json(
        200,
        v.strictObject({
          othersNotesListed: v.pipe(
            v.array(v.string()),
            v.check((roles) => roles.length === 0, "none of the other user's notes"),
          ),
        }),
      ),
  };
}

const note1 = (s: CloudState) => `/api/notes/${s.idOf('note-1')}`;

/** What A has when these steps run: the roles of its notes, and note-1 as last written. */
export interface OwnedByA {
  roles: readonly string[];
  note1: Omit<ExpectedNote, 'id'>;
}

export function ownerSteps(a: OwnedByA): Step[] {
  const NOTE_1_VERSION = a.note1.version;
  return [
    requestStep({
      name: 'public-hello-no-token',
      description: 'GET /api/hello without a token → 200 (public)',
      request: () => ({ method: 'GET', path: '/api/hello', authorization: null }),
      expect: () => json(200, v.strictObject({ ...HelloSchema.entries, message: v.literal('Hello, world!') })),
    }),
    requestStep({
      name: 'public-health-no-token',
      description: 'GET /api/health without a token → 200 (public)',
      request: () => ({ method: 'GET', path: '/api/health', authorization: null }),
      expect: () => json(200, HealthSchema),
    }),
    requestStep({
      name: 'no-token',
      description: 'GET /api/notes without a token → 401 + WWW-Authenticate: Bearer',
      needsSignIn: true,
      request: () => ({ method: 'GET', path: '/api/notes', authorization: null }),
      expect: () => unauthorized('no token'),
    }),
    requestStep({
      name: 'forged-token',
      description: "PUT /api/notes/{note-1} with A's token, signature forged → 401 + WWW-Authenticate: Bearer",
      needsSignIn: true,
      request: (s, env) => ({
        method: 'PUT',
        path: note1(s),
        authorization: forgedAuthorization(asA(env)),
        headers: { 'if-match': `"${NOTE_1_VERSION}"` },
        body: { title: 'forged', body: 'Must not be written.' },
      }),
      expect: () => unauthorized('bad token'),
    }),
    listExcludesStep('b-list', "GET /api/notes as B, every page: none of A's notes", asB, () => a.roles),
    requestStep({
      name: 'b-get-a-note',
      description: "GET A's note-1 as B → 404",
      needsSignIn: true,
      request: (s, env) => ({ method: 'GET', path: note1(s), authorization: asB(env) }),
      expect: () => problem(404),
    }),
    requestStep({
      name: 'b-put-a-note',
      description: `PUT A's note-1 as B, If-Match: "${NOTE_1_VERSION}" → 404`,
      needsSignIn: true,
      request: (s, env) => ({
        method: 'PUT',
        path: note1(s),
        authorization: asB(env),
        headers: { 'if-match': `"${NOTE_1_VERSION}"` },
        body: { title: 'taken over', body: 'Must not be written.' },
      }),
      expect: () => problem(404),
    }),
    requestStep({
      name: 'b-patch-a-note',
      // No PATCH route: 405 for every caller and every id, so it reveals nothing either.
      description: "PATCH A's note-1 as B → 405 + Allow, as for any id",
      needsSignIn: true,
      request: (s, env) => ({ method: 'PATCH', path: note1(s), authorization: asB(env), body: { title: 'patched' } }),
      expect: () => methodNotAllowed(`/api/notes/${UNKNOWN_ID}`),
    }),
    requestStep({
      name: 'b-delete-a-note',
      description: "DELETE A's note-1 as B → 404",
      needsSignIn: true,
      request: (s, env) => ({ method: 'DELETE', path: note1(s), authorization: asB(env) }),
      expect: () => problem(404),
    }),
    requestStep({
      name: 'b-activity-a-note',
      description: "GET A's note-1 activity as B → 404",
      needsSignIn: true,
      request: (s, env) => ({ method: 'GET', path: `${note1(s)}/activity`, authorization: asB(env) }),
      expect: () => problem(404),
    }),
    requestStep({
      name: 'b-create',
      description: 'POST /api/notes as B (note-b) → 201',
      needsSignIn: true,
      request: (_s, env) => ({
        method: 'POST',
        path: '/api/notes',
        authorization: asB(env),
        body: { title: B_NOTE.title, body: B_NOTE.body },
      }),
      after: (state, exchange) => state.rememberCreatedByB(B_NOTE.role, exchange),
      expect: (s) =>
        noteAnswer(201, { title: B_NOTE.title, body: B_NOTE.body, id: s.ids.get(B_NOTE.role), version: 1 }),
    }),
    requestStep({
      name: 'a-get-b-note',
      description: "GET B's note-b as A → 404",
      needsSignIn: true,
      request: (s) => ({ method: 'GET', path: `/api/notes/${s.idOf(B_NOTE.role)}` }),
      expect: () => problem(404),
    }),
    listExcludesStep('a-list', "GET /api/notes as A, every page: not B's note-b", asA, () => [B_NOTE.role]),
    requestStep({
      name: 'a-note-unchanged',
      description: `GET /api/notes/{note-1} as A: still version ${NOTE_1_VERSION}, as A left it`,
      needsSignIn: true,
      request: (s) => ({ method: 'GET', path: note1(s) }),
      expect: (s) => noteAnswer(200, { ...a.note1, id: s.idOf('note-1') }),
    }),
    requestStep({
      name: 'b-delete-own',
      description: "DELETE B's note-b as B → 204",
      needsSignIn: true,
      request: (s, env) => ({ method: 'DELETE', path: `/api/notes/${s.idOf(B_NOTE.role)}`, authorization: asB(env) }),
      after: (state, exchange) => state.rememberDeletedByB(B_NOTE.role, exchange),
      expect: () => noContent,
    }),
  ];
}
