// Is sign-in on? Decided before the scenario writes anything, from a read without a token and the
// tokens compare holds; with sign-in on and a user's token missing, the run stops (exit 2) naming it.
import { SignInError } from './errors';
import type { CloudClient } from './http-client';
import { type Authorizations, unverifiedUser } from './sign-in';
import { SIGN_IN_USERS, TOKEN_SETTINGS } from './sign-in-settings';
import { CLOUDS, type Cloud } from './types';

/** The read that shows whether a cloud demands a token: a list page, nothing written. */
export const SIGN_IN_PROBE_PATH = '/api/notes?limit=1';

/** Shown wherever the two-user steps could not run (table, --json, HTML): never a pass. */
export const SIGN_IN_OFF = 'not applicable: sign-in is off';

export type SignIn =
  | { on: true; a: string; b: string; why: string }
  /** `a`: a token given anyway, sent on the scenario's requests (harmless on a stack that ignores it). */
  | { on: false; a?: string; why: string };

/** Each cloud's status for a notes route without a token (undefined: no answer). */
export async function probeSignIn(clients: Record<Cloud, CloudClient>): Promise<Record<Cloud, number | undefined>> {
  const out = {} as Record<Cloud, number | undefined>;
  for (const cloud of CLOUDS)
    out[cloud] = (await clients[cloud].send({ method: 'GET', path: SIGN_IN_PROBE_PATH, authorization: null })).status;
  return out;
}

/**
 * On when either cloud answers 401 without a token, or when compare holds both users' tokens (given
 * two users, a cloud that lets anyone in must fail the 401 step, not be excused). Off otherwise.
 */
export function decideSignIn(probe: Record<Cloud, number | undefined>, tokens: Authorizations): SignIn {
  const demanding = CLOUDS.filter((cloud) => probe[cloud] === 401);
  if (demanding.length === 0 && (tokens.a === undefined || tokens.b === undefined)) {
    const why = `GET ${SIGN_IN_PROBE_PATH} without a token answered ${CLOUDS.map((c) => `${c} ${probe[c] ?? 'nothing'}`).join(', ')}`;
    return tokens.a === undefined ? { on: false, why } : { on: false, a: tokens.a, why };
  }
  const missing = SIGN_IN_USERS.filter((user) => tokens[user] === undefined);
  if (missing.length > 0) {
    const which = missing.map((user) => `${TOKEN_SETTINGS[user]} (user ${user.toUpperCase()})`).join(' and ');
    throw new SignInError(
      `${demanding.join(' and ')} ${demanding.length === 1 ? 'answers' : 'answer'} 401 without a token: set ${which} to a token the stack's issuer signed for its audience, ` +
        `${TOKEN_SETTINGS.a} and ${TOKEN_SETTINGS.b} for two different users (compare checks that neither sees the other's notes). Nothing was written.`,
    );
  }
  const [a, b] = [tokens.a!, tokens.b!];
  const userA = unverifiedUser(a);
  if (a === b || (userA !== undefined && userA === unverifiedUser(b))) {
    throw new SignInError(
      `${TOKEN_SETTINGS.a} and ${TOKEN_SETTINGS.b} are tokens of the same user: give two different users. Nothing was written.`,
    );
  }
  const why =
    demanding.length > 0
      ? `${demanding.join(' and ')} ${demanding.length === 1 ? 'answers' : 'answer'} 401 without a token`
      : `tokens for two users were given (${TOKEN_SETTINGS.a}, ${TOKEN_SETTINGS.b})`;
  return { on: true, a, b, why };
}
