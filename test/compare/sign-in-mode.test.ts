// When compare counts sign-in as on, which token it asks for, and the forged token it sends.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { forgedAuthorization } from '../../compare/sign-in';
import { decideSignIn } from '../../compare/sign-in-mode';
import { startLocalIssuer } from '../../local/oidc/issuer';

let tokens: { a: string; b: string; a2: string };
beforeAll(async () => {
  const issuer = await startLocalIssuer();
  tokens = {
    a: `Bearer ${await issuer.mint('ann')}`,
    b: `Bearer ${await issuer.mint('bob')}`,
    a2: `Bearer ${await issuer.mint('ann', { lifetimeSeconds: 60 })}`,
  };
  await issuer.close();
});

test('off only when no cloud answers 401 without a token and compare lacks a second token', () => {
  expect(decideSignIn({ aws: 200, azure: 200 }, {})).toMatchObject({ on: false });
  expect(decideSignIn({ aws: 200, azure: 200 }, { a: tokens.a })).toMatchObject({ on: false, a: tokens.a });
  // A cloud that is broken some other way is no reason to ask for tokens.
  expect(decideSignIn({ aws: 404, azure: undefined }, {})).toMatchObject({ on: false });
  // Given two users, a stack that lets anyone in must fail the 401 step, not be excused.
  expect(decideSignIn({ aws: 200, azure: 200 }, tokens)).toMatchObject({
    on: true,
    a: tokens.a,
    b: tokens.b,
    why: 'tokens for two users were given (COMPARE_TOKEN, COMPARE_TOKEN_B)',
  });
  expect(decideSignIn({ aws: 401, azure: 200 }, tokens)).toMatchObject({
    on: true,
    why: 'aws answers 401 without a token',
  });
});

test('on with a token missing: the variable named; one user twice: refused', () => {
  expect(() => decideSignIn({ aws: 200, azure: 401 }, { a: tokens.a })).toThrow(
    /^azure answers 401 without a token: set COMPARE_TOKEN_B \(user B\) to /,
  );
  expect(() => decideSignIn({ aws: 401, azure: 401 }, { b: tokens.b })).toThrow(
    /^aws and azure answer 401 without a token: set COMPARE_TOKEN \(user A\) to /,
  );
  // Two different tokens of the same user (iss + sub) are one user.
  expect(() => decideSignIn({ aws: 401, azure: 401 }, { a: tokens.a, b: tokens.a2 })).toThrow(
    'COMPARE_TOKEN and COMPARE_TOKEN_B are tokens of the same user',
  );
});

test('the forged token keeps header and claims and changes every signature byte', () => {
  const forged = forgedAuthorization(tokens.a);
  const [header, claims, signature] = forged.replace('Bearer ', '').split('.');
  const [realHeader, realClaims, realSignature] = tokens.a.replace('Bearer ', '').split('.');
  expect([header, claims]).toEqual([realHeader, realClaims]);
  expect(decodeJwt(forged.replace('Bearer ', '')).sub).toBe('ann');
  expect(decodeProtectedHeader(forged.replace('Bearer ', '')).alg).toBe('ES256');
  const bytes = Buffer.from(signature!, 'base64url');
  const realBytes = Buffer.from(realSignature!, 'base64url');
  expect(bytes).toHaveLength(realBytes.length);
  expect([...bytes].every((byte, i) => byte !== realBytes[i])).toBe(true);
});
