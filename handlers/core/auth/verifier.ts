// Verifies an OIDC access/ID token (a JWT) against one issuer and audience, with the issuer's JWKS.
import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { isForAudience } from './audience';
import { discoverJwksUri } from './discovery';
import { issuerGet } from './issuer-get';
import { KeysUnavailableError, TokenRejectedError } from './errors';
import { ownerOf, subjectProblem } from './owner';
import {
  ALLOWED_ALGORITHMS,
  CLOCK_TOLERANCE_SECONDS,
  JWKS_COOLDOWN_MS,
  JWKS_MAX_AGE_MS,
  KEY_FETCH_TIMEOUT_MS,
} from './settings';

export interface Principal {
  owner: string;
  issuer: string;
  subject: string;
}

export interface TokenVerifier {
  /** The token's principal, or TokenRejectedError (401) / KeysUnavailableError (503). */
  verify(token: string): Promise<Principal>;
  /** Starts fetching the issuer's discovery document and keys, without waiting; a failure is retried by the next verify. */
  prefetch(): void;
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/** Timing overrides, for tests only: production uses settings.ts. */
export interface VerifierTimings {
  fetchTimeoutMs?: number;
  cooldownMs?: number;
  maxAgeMs?: number;
}

/** Fixed texts (RFC 6750 §3 error_description charset) for what jose reports about a token. */
function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'The token was issued by another issuer';
      case 'nbf':
        return 'The token is not valid yet';
      case 'iat':
        return 'The token issue time is not a number';
      case 'exp':
        return 'The token has no expiry';
      case 'sub':
        return 'The token has no subject';
      default:
        return 'A token claim is not acceptable';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The token is signed with an algorithm this API does not accept';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'The token is malformed';
  return 'The token is not acceptable';
}

/**
 * jose compares `iat` with the clock only when given a maxTokenAge, which we leave to each issuer's
 * token lifetime (RFC 7519 §4.1.6 sets no bound); a token issued in the future is still refused, here.
 */
const issuedInTheFuture = (iat: unknown, nowSeconds: number) =>
  typeof iat === 'number' && iat > nowSeconds + CLOCK_TOLERANCE_SECONDS;

/**
 * One verifier per container: the discovery document and the JWKS are fetched on first use and kept
 * (jose refetches the JWKS on an unknown `kid` once the cooldown has passed, and after the max age).
 * A failed discovery is not kept, so the next request tries again.
 */
export function createTokenVerifier(
  config: { issuer: string; audience: string },
  timings: VerifierTimings = {},
): TokenVerifier {
  const fetchTimeoutMs = timings.fetchTimeoutMs ?? KEY_FETCH_TIMEOUT_MS;
  let keySet: Promise<RemoteKeySet> | undefined;

  function remoteKeySet(): Promise<RemoteKeySet> {
    if (!keySet) {
      keySet = discoverJwksUri(config.issuer, fetchTimeoutMs).then((uri) =>
        createRemoteJWKSet(uri, {
          timeoutDuration: fetchTimeoutMs,
          cooldownDuration: timings.cooldownMs ?? JWKS_COOLDOWN_MS,
          cacheMaxAge: timings.maxAgeMs ?? JWKS_MAX_AGE_MS,
          // jose sends a GET with redirect "manual": a 3xx is not 200, and fails as ours does.
          [customFetch]: issuerGet as unknown as typeof fetch,
        }),
      );
      keySet.catch(() => (keySet = undefined));
    }
    return keySet;
  }

  // Runs only after jose has parsed the token and checked its `alg` against ALLOWED_ALGORITHMS, so a
  // malformed, `none` or HS* token never causes a fetch.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    const keys = await remoteKeySet();
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey)
        throw new TokenRejectedError('The token is signed with a key the issuer does not publish');
      if (error instanceof errors.JWKSMultipleMatchingKeys)
        throw new TokenRejectedError('The token does not say which of the issuer keys signed it');
      if (error instanceof errors.JOSENotSupported)
        throw new TokenRejectedError('The token is signed with an algorithm this API does not accept');
      if (error instanceof errors.JWKSTimeout) throw new KeysUnavailableError('the key set fetch timed out');
      throw new KeysUnavailableError('the key set could not be fetched');
    }
  };

  return {
    prefetch() {
      remoteKeySet()
        .then((keys) => keys.reload())
        .catch(() => undefined);
    },
    async verify(token) {
      let subject: unknown;
      try {
        // The audience is checked below (isForAudience), not by jose, which knows `aud` only.
        const { payload } = await jwtVerify(token, getKey, {
          issuer: config.issuer,
          algorithms: [...ALLOWED_ALGORITHMS],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'sub'],
        });
        if (issuedInTheFuture(payload.iat, Date.now() / 1000))
          throw new TokenRejectedError('The token was issued in the future');
        if (!isForAudience(payload, config.audience))
          throw new TokenRejectedError('The token was issued for another audience');
        subject = payload.sub;
      } catch (error) {
        if (error instanceof errors.JOSEError) throw new TokenRejectedError(describe(error));
        throw error; // ours (TokenRejectedError, KeysUnavailableError) or a bug (a 500, logged)
      }
      const problem = subjectProblem(subject);
      if (problem) throw new TokenRejectedError(problem);
      return { owner: ownerOf(config.issuer, subject as string), issuer: config.issuer, subject: subject as string };
    },
  };
}
