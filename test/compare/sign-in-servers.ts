// Test servers with sign-in on: the real core app trusting a real OIDC issuer (local mode's, on a free
// loopback port), and two users' tokens it signed, as compare would be given them.
import { type Authenticator, createAuthenticator } from '../../handlers/core/auth/authenticator';
import { startLocalIssuer } from '../../local/oidc/issuer';
import { type TestServerOptions, startPair } from './core-server';

export interface SignedInOptions extends Omit<TestServerOptions, 'auth'> {
  /** Wraps the real authenticator: how a negative control breaks sign-in on one cloud. */
  breakAuth?: (real: Authenticator) => Authenticator;
}

/** Users A and B's tokens, in the variables compare reads them from. */
export type TokenEnv = { COMPARE_TOKEN: string; COMPARE_TOKEN_B: string };

export async function startSignedInPair(azure: SignedInOptions = {}, aws: SignedInOptions = {}) {
  const issuer = await startLocalIssuer();
  const auth = ({ breakAuth }: SignedInOptions) => {
    // One authenticator per server, as each cloud's container keeps its own.
    const real = createAuthenticator({ mode: 'oidc', issuer: issuer.issuer, audience: issuer.audience });
    return breakAuth ? breakAuth(real) : real;
  };
  const pair = await startPair({ ...azure, auth: auth(azure) }, { ...aws, auth: auth(aws) });
  const tokens: TokenEnv = { COMPARE_TOKEN: await issuer.mint('user-a'), COMPARE_TOKEN_B: await issuer.mint('user-b') };
  return {
    ...pair,
    issuer,
    tokens,
    /** The `Authorization` values compareClouds takes. */
    authorizations: { a: `Bearer ${tokens.COMPARE_TOKEN}`, b: `Bearer ${tokens.COMPARE_TOKEN_B}` },
    close: async () => {
      await pair.close();
      await issuer.close();
    },
  };
}
