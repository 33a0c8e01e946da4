// Reading `Authorization: Bearer <token>` (RFC 6750 §2.1).
import { bearerToken } from '../../handlers/core/auth/bearer';
import { TokenRejectedError } from '../../handlers/core/auth/errors';

function rejection(header: string | undefined): TokenRejectedError {
  try {
    bearerToken(header);
  } catch (error) {
    if (error instanceof TokenRejectedError) return error;
    throw error;
  }
  throw new Error(`accepted ${header}`);
}

test('the token, whatever the case of the scheme, padding and surrounding spaces', () => {
  expect(bearerToken('Bearer a.b.c')).toBe('a.b.c');
  expect(bearerToken('bearer  a.b.c ')).toBe('a.b.c');
  expect(bearerToken('BEARER abc-_~+/==')).toBe('abc-_~+/==');
});

test('no Bearer credentials: missing (no error code in the challenge)', () => {
  for (const header of [undefined, '', '   ', 'Basic eDp5', 'Bearer', 'Bearer   ', 'Bearerabc']) {
    expect(rejection(header).missing).toBe(true);
  }
});

test('a malformed Bearer header: rejected, not missing', () => {
  for (const header of ['Bearer a b', 'Bearer a.b.c, Bearer d.e.f', 'Bearer a"b', 'Bearer =abc', 'Bearer a\tb']) {
    expect(rejection(header).missing).toBe(false);
  }
});
