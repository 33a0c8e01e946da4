// A real local issuer, an authenticator for it, and a small Hono app behind the notes guard.
import { Hono } from 'hono';
import { exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { type Authenticator, createAuthenticator } from '../../handlers/core/auth/authenticator';
import { protectNotes, requestOwner } from '../../handlers/core/auth/middleware';
import type { VerifierTimings } from '../../handlers/core/auth/verifier';
import { type LocalIssuer, startLocalIssuer } from '../../local/oidc/issuer';

const opened: LocalIssuer[] = [];

export async function issuerAndAuth(
  timings?: VerifierTimings,
): Promise<{ issuer: LocalIssuer; auth: Authenticator; app: Hono }> {
  const issuer = await startLocalIssuer();
  opened.push(issuer);
  const auth = createAuthenticator({ mode: 'oidc', issuer: issuer.issuer, audience: issuer.audience }, timings);
  return { issuer, auth, app: guardedApp(auth) };
}

export async function closeIssuers(): Promise<void> {
  await Promise.all(opened.splice(0).map((i) => i.close()));
}

/** The guard in front of stand-in routes that answer with the owner they were given. */
export function guardedApp(auth: Authenticator): Hono {
  const app = new Hono();
  protectNotes(app, auth);
  app.get('/api/hello', (c) => c.json({ public: true }));
  app.get('/api/notes', (c) => c.json({ owner: requestOwner(c) }));
  app.get('/api/notes/:id/activity', (c) => c.json({ owner: requestOwner(c) }));
  return app;
}

export function get(app: Hono, authorization?: string, path = '/api/notes'): Promise<Response> {
  return Promise.resolve(app.request(path, { headers: authorization === undefined ? {} : { authorization } }));
}

export const bearer = (token: string) => `Bearer ${token}`;

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Claims the issuer's real tokens carry, for forged variants. */
export function claimsFor(issuer: LocalIssuer, overrides: JWTPayload = {}): JWTPayload {
  const now = nowSeconds();
  return { iss: issuer.issuer, sub: 'alice', aud: issuer.audience, iat: now, exp: now + 600, ...overrides };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `alg: none`, no signature (RFC 7519 §6). */
export function unsecuredToken(claims: JWTPayload): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

/** HS256 with the issuer's public key (as PEM, from its JWKS over HTTP) as the HMAC secret: the classic confusion attack. */
export async function hs256WithPublicKey(issuer: LocalIssuer, claims: JWTPayload): Promise<string> {
  const { keys } = (await (await fetch(issuer.jwksUri)).json()) as { keys: JWK[] };
  const jwk = keys[0]!;
  const pem = await exportSPKI((await importJWK(jwk, 'ES256')) as CryptoKey);
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: jwk.kid! }).sign(new TextEncoder().encode(pem));
}

/** Signed with a key the issuer never published. */
export async function foreignKeyToken(claims: JWTPayload): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'not-published' }).sign(privateKey);
}

// RFC 6750 §3: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ).
const DESCRIPTION = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

/** Asserts a 401 problem with its challenge; returns the challenge's error_description (undefined when none). */
export async function expectUnauthorized(res: Response): Promise<string | undefined> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { type: string; title: string; status: number; detail: string };
  expect(body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  const challenge = res.headers.get('www-authenticate') ?? '';
  if (challenge === 'Bearer realm="notes"') return undefined;
  const match = /^Bearer realm="notes", error="invalid_token", error_description="([^"]*)"$/.exec(challenge);
  expect(match).not.toBeNull();
  const description = match![1]!;
  expect(description).toMatch(DESCRIPTION);
  expect(body.detail).toBe(`${description}.`);
  return description;
}
