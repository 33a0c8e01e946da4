// The token verification matrix of issue #19, against the real local issuer over HTTP, through the guard.
import type { JWTPayload } from 'jose';
import { CLOCK_TOLERANCE_SECONDS } from '../../handlers/core/auth/settings';
import { ownerOf } from '../../handlers/core/auth/owner';
import {
  bearer,
  claimsFor,
  closeIssuers,
  expectUnauthorized,
  foreignKeyToken,
  get,
  hs256WithPublicKey,
  issuerAndAuth,
  nowSeconds,
  unsecuredToken,
} from './auth-harness';

afterEach(closeIssuers);

test('a token the issuer signed for the audience is accepted: the owner is issuer + subject', async () => {
  const { issuer, app } = await issuerAndAuth();
  const res = await get(app, bearer(await issuer.mint('alice')));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ owner: ownerOf(issuer.issuer, 'alice') });
  const other = await get(app, bearer(await issuer.mint('bob')));
  expect(await other.json()).toEqual({ owner: ownerOf(issuer.issuer, 'bob') });
});

test('no credentials: 401 with a bare challenge (RFC 6750 §3.1: no error code), and the issuer is never asked', async () => {
  const { issuer, app } = await issuerAndAuth();
  for (const header of [undefined, '', 'Basic YWxpY2U6c2VjcmV0', 'Bearer']) {
    expect(await expectUnauthorized(await get(app, header))).toBeUndefined();
  }
  expect(issuer.jwksRequests).toBe(0);
});

test('the scheme is case-insensitive', async () => {
  const { issuer, app } = await issuerAndAuth();
  expect((await get(app, `bEaReR ${await issuer.mint('alice')}`)).status).toBe(200);
});

test('malformed headers and tokens are invalid_token, before any key is fetched', async () => {
  const { issuer, app } = await issuerAndAuth();
  const good = await issuer.mint('alice');
  const cases = [
    'Bearer not a token',
    'Bearer abc',
    'Bearer a.b.c',
    `Bearer ${good}, Bearer ${good}`,
    `Bearer ${good}x!`,
    'Bearer ...',
  ];
  for (const header of cases) {
    expect(await expectUnauthorized(await get(app, header))).toMatch(/malformed|not Bearer followed by one token/);
  }
  expect(issuer.jwksRequests).toBe(0);
});

test('expired: refused beyond the clock tolerance, accepted within it', async () => {
  const { issuer, app } = await issuerAndAuth();
  const longAgo = new Date(Date.now() - 2 * 3600_000);
  expect(
    await expectUnauthorized(
      await get(app, bearer(await issuer.mint('alice', { issuedAt: longAgo, lifetimeSeconds: 3600 }))),
    ),
  ).toBe('The token has expired');
  const justExpired = await issuer.signClaims(
    claimsFor(issuer, { exp: nowSeconds() - Math.floor(CLOCK_TOLERANCE_SECONDS / 2) }),
  );
  expect((await get(app, bearer(justExpired))).status).toBe(200);
  const pastSkew = await issuer.signClaims(claimsFor(issuer, { exp: nowSeconds() - CLOCK_TOLERANCE_SECONDS - 5 }));
  expect(await expectUnauthorized(await get(app, bearer(pastSkew)))).toBe('The token has expired');
});

test('not yet valid (nbf beyond the tolerance)', async () => {
  const { issuer, app } = await issuerAndAuth();
  const token = await issuer.signClaims(claimsFor(issuer, { nbf: nowSeconds() + CLOCK_TOLERANCE_SECONDS + 60 }));
  expect(await expectUnauthorized(await get(app, bearer(token)))).toBe('The token is not valid yet');
});

test('issued in the future (iat beyond the tolerance) is refused; within it accepted; a non-numeric iat refused', async () => {
  const { issuer, app } = await issuerAndAuth();
  const future = await issuer.signClaims(claimsFor(issuer, { iat: nowSeconds() + CLOCK_TOLERANCE_SECONDS + 60 }));
  expect(await expectUnauthorized(await get(app, bearer(future)))).toBe('The token was issued in the future');
  const withinSkew = await issuer.signClaims(
    claimsFor(issuer, { iat: nowSeconds() + Math.floor(CLOCK_TOLERANCE_SECONDS / 2) }),
  );
  expect((await get(app, bearer(withinSkew))).status).toBe(200);
  const notANumber = await issuer.signClaims(claimsFor(issuer, { iat: 'yesterday' as unknown as number }));
  expect(await expectUnauthorized(await get(app, bearer(notANumber)))).toBe('The token issue time is not a number');
});

test('wrong audience, wrong issuer', async () => {
  const { issuer, app } = await issuerAndAuth();
  const otherAudience = await issuer.mint('alice', { audience: 'some-other-api' });
  expect(await expectUnauthorized(await get(app, bearer(otherAudience)))).toBe(
    'The token was issued for another audience',
  );
  // Signed with the issuer's real key, but naming another issuer.
  const otherIssuer = await issuer.signClaims(claimsFor(issuer, { iss: 'https://evil.example' }));
  expect(await expectUnauthorized(await get(app, bearer(otherIssuer)))).toBe('The token was issued by another issuer');
});

test('no aud: client_id names the audience (Cognito access tokens), as the API Gateway JWT authorizer decides', async () => {
  const { issuer, app } = await issuerAndAuth();
  const { aud: _aud, ...noAud } = claimsFor(issuer);
  expect(await get(app, bearer(await issuer.signClaims({ ...noAud, client_id: issuer.audience })))).toHaveProperty(
    'status',
    200,
  );
  const description = 'The token was issued for another audience';
  expect(
    await expectUnauthorized(await get(app, bearer(await issuer.signClaims({ ...noAud, client_id: 'other' })))),
  ).toBe(description);
  expect(await expectUnauthorized(await get(app, bearer(await issuer.signClaims(noAud))))).toBe(description);
  // When aud is there, it alone decides.
  const both = claimsFor(issuer, { aud: 'other', client_id: issuer.audience });
  expect(await expectUnauthorized(await get(app, bearer(await issuer.signClaims(both))))).toBe(description);
  expect(
    await get(app, bearer(await issuer.signClaims(claimsFor(issuer, { aud: ['x', issuer.audience] })))),
  ).toHaveProperty('status', 200);
});

test('alg none and HS256 signed with the public key are refused for their algorithm, without a key fetch', async () => {
  const { issuer, app } = await issuerAndAuth();
  const none = unsecuredToken(claimsFor(issuer));
  const hs256 = await hs256WithPublicKey(issuer, claimsFor(issuer)); // fetches the JWKS itself: count from here
  const fetchedBefore = issuer.jwksRequests;
  for (const token of [none, hs256]) {
    expect(await expectUnauthorized(await get(app, bearer(token)))).toBe(
      'The token is signed with an algorithm this API does not accept',
    );
  }
  expect(issuer.jwksRequests).toBe(fetchedBefore);
});

test('a changed payload under a real signature is refused', async () => {
  const { issuer, app } = await issuerAndAuth();
  const [header, , signature] = (await issuer.mint('alice')).split('.');
  const forged = `${header}.${Buffer.from(JSON.stringify(claimsFor(issuer, { sub: 'bob' }))).toString('base64url')}.${signature}`;
  expect(await expectUnauthorized(await get(app, bearer(forged)))).toBe('The token signature is invalid');
});

test('claims an owner needs: sub present, at most 255 characters, well-formed text; exp present', async () => {
  const { issuer, app } = await issuerAndAuth();
  const { sub: _sub, ...noSub } = claimsFor(issuer);
  const { exp: _exp, ...noExp } = claimsFor(issuer);
  const cases: [JWTPayload, string][] = [
    [noSub, 'The token has no subject'],
    [noExp, 'The token has no expiry'],
    [claimsFor(issuer, { sub: 'x'.repeat(256) }), 'The token subject is longer than 255 characters'],
    [claimsFor(issuer, { sub: 'a\ud800b' }), 'The token subject is not well-formed text'],
  ];
  for (const [claims, description] of cases) {
    expect(await expectUnauthorized(await get(app, bearer(await issuer.signClaims(claims))))).toBe(description);
  }
  expect((await get(app, bearer(await issuer.signClaims(claimsFor(issuer, { sub: 'x'.repeat(255) }))))).status).toBe(
    200,
  );
});

test('unknown kid after a rotation: the JWKS is fetched again and the new key accepted', async () => {
  const { issuer, app } = await issuerAndAuth({ cooldownMs: 0 });
  const before = await issuer.mint('alice');
  expect((await get(app, bearer(before))).status).toBe(200);
  expect(issuer.jwksRequests).toBe(1);
  await issuer.rotateKeys();
  const after = await issuer.mint('alice');
  expect((await get(app, bearer(after))).status).toBe(200);
  expect(issuer.jwksRequests).toBe(2);
  // The previous key stays published, so its tokens still verify; no further fetch for a known kid.
  expect((await get(app, bearer(before))).status).toBe(200);
  expect(issuer.jwksRequests).toBe(2);
});

test('a kid the issuer never published: refused after one refresh; within the cooldown not fetched again', async () => {
  const { issuer, app } = await issuerAndAuth({ cooldownMs: 0 });
  expect((await get(app, bearer(await issuer.mint('alice')))).status).toBe(200);
  expect(await expectUnauthorized(await get(app, bearer(await foreignKeyToken(claimsFor(issuer)))))).toBe(
    'The token is signed with a key the issuer does not publish',
  );
  expect(issuer.jwksRequests).toBe(2);

  // With the production cooldown, made-up kids cannot make us hammer the issuer.
  const guarded = await issuerAndAuth();
  expect((await get(guarded.app, bearer(await guarded.issuer.mint('alice')))).status).toBe(200);
  for (let i = 0; i < 5; i++) {
    await expectUnauthorized(await get(guarded.app, bearer(await foreignKeyToken(claimsFor(guarded.issuer)))));
  }
  expect(guarded.issuer.jwksRequests).toBe(1);
});

test('hello stays public, and a CORS preflight is never refused', async () => {
  const { app } = await issuerAndAuth();
  expect((await get(app, undefined, '/api/hello')).status).toBe(200);
  const preflight = await app.request('/api/notes', { method: 'OPTIONS' });
  expect(preflight.status).not.toBe(401);
});

test('the keys are fetched once per container: concurrent first requests share one JWKS fetch', async () => {
  const { issuer, app } = await issuerAndAuth();
  const tokens = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((user) => issuer.mint(user)));
  const answers = await Promise.all(tokens.map((token) => get(app, bearer(token))));
  expect(answers.map((res) => res.status)).toEqual(tokens.map(() => 200));
  expect((await get(app, bearer(tokens[0]!))).status).toBe(200);
  expect(issuer.jwksRequests).toBe(1);
});
