// Bearer JWT verification with jose, as each peer would write it: discovery once, createRemoteJWKSet,
// jwtVerify with the pinned algorithms, issuer, audience (aud, else client_id), exp and sub required.
// The settings are ours (handlers/core/auth/settings.ts), so both sides check tokens alike.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { isForAudience } from '../../../handlers/core/auth/audience.ts';
import { AUTH_SETTINGS } from '../../../contract/settings.ts';
import { discoveryUrl } from '../../../handlers/core/auth/discovery.ts';
import {
  ALLOWED_ALGORITHMS,
  AUTH_REALM,
  CLOCK_TOLERANCE_SECONDS,
  KEY_FETCH_TIMEOUT_MS,
} from '../../../handlers/core/auth/settings.ts';
import { PeerProblem } from './peer-problem.mjs';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
let keys;

function keySet(issuer) {
  keys ??= fetch(discoveryUrl(issuer), { signal: AbortSignal.timeout(KEY_FETCH_TIMEOUT_MS) })
    .then((response) => response.json())
    .then((document) => {
      if (document.issuer !== issuer) throw new Error('discovery names another issuer');
      return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: KEY_FETCH_TIMEOUT_MS });
    });
  keys.catch(() => (keys = undefined));
  return keys;
}

const rejected = (description) =>
  new PeerProblem(401, `${description}.`, {
    headers: { 'www-authenticate': `Bearer realm="${AUTH_REALM}", error="invalid_token"` },
  });

/** The caller's owner (iss|sub), or a 401/503 PeerProblem. */
export async function ownerOf(authorization) {
  const issuer = process.env[AUTH_SETTINGS.issuer];
  const audience = process.env[AUTH_SETTINGS.audience];
  const match = BEARER.exec((authorization ?? '').trim());
  if (!match)
    throw new PeerProblem(401, 'No Bearer token was sent.', {
      headers: { 'www-authenticate': `Bearer realm="${AUTH_REALM}"` },
    });
  let getKey;
  try {
    getKey = await keySet(issuer);
  } catch {
    throw new PeerProblem(503, 'The sign-in keys could not be checked; retry shortly.', {
      headers: { 'retry-after': '1' },
    });
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], getKey, {
      issuer,
      algorithms: [...ALLOWED_ALGORITHMS],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch {
    throw rejected('The token is not acceptable');
  }
  if (!isForAudience(payload, audience)) throw rejected('The token was issued for another audience');
  return `${encodeURIComponent(payload.iss)}|${encodeURIComponent(payload.sub)}`;
}
