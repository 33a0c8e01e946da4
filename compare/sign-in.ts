// The bearer token compare sends on every request, so the notes routes of a stack with sign-in answer
// (issue #19). Phase 2 sends one user's token; the two-user isolation check is compare's next step.
import { join } from 'node:path';
import { requestToken } from '../local/oidc/request-token';
import { readUrlsFile } from '../local/urls-file';
import type { Source } from './compare';
import { LOCAL_URLS_FILE } from './discover';

/** A token from the issuer the stack trusts (any OIDC issuer: Entra ID, Cognito, a local one). */
export const COMPARE_TOKEN_SETTING = 'COMPARE_TOKEN';

/** The user compare signs in as when it asks a running local mode's issuer itself. */
export const COMPARE_LOCAL_USER = 'compare';

/**
 * `Bearer <COMPARE_TOKEN>`; else, for URLs found in a running local mode's urls.json that names an
 * issuer, a token that issuer signs for COMPARE_LOCAL_USER; else none (a stack with `auth: none`).
 */
export async function compareAuthorization(source: Pick<Source, 'kind'>, env: Record<string, string | undefined>, cwd: string): Promise<string | undefined> {
  const token = env[COMPARE_TOKEN_SETTING];
  if (token) return `Bearer ${token}`;
  if (source.kind !== 'local') return undefined;
  const issuer = readUrlsFile(join(cwd, LOCAL_URLS_FILE))?.issuer;
  return issuer === undefined ? undefined : `Bearer ${await requestToken(issuer, COMPARE_LOCAL_USER)}`;
}
