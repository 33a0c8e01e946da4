// The local issuer's signing keys: one signs, the ones before it stay published, as real issuers
// rotate (a new key appears in the JWKS and signs; tokens signed by the old one stay verifiable).
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { LOCAL_SIGNING_ALG } from './settings';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Keys kept published after a rotation (the signing one included). */
const PUBLISHED_KEYS = 2;

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(LOCAL_SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(publicKey);
  // RFC 7638 thumbprint as the kid: unique per key, nothing to keep in sync.
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: LOCAL_SIGNING_ALG, use: 'sig' } };
}

export class KeyRing {
  private constructor(private keys: SigningKey[]) {}

  static async create(): Promise<KeyRing> {
    return new KeyRing([await newKey()]);
  }

  /** The key that signs now. */
  get current(): SigningKey {
    return this.keys[0]!;
  }

  /** A new signing key; the previous one stays published, older ones are dropped. */
  async rotate(): Promise<SigningKey> {
    this.keys = [await newKey(), ...this.keys].slice(0, PUBLISHED_KEYS);
    return this.current;
  }

  /** The JWKS document (RFC 7517 §5). */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }
}
