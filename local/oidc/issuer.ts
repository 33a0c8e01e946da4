// A real OpenID Connect issuer on loopback for local mode and tests: discovery, JWKS, a token endpoint.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWTPayload, SignJWT } from 'jose';
import { KeyRing } from './key-ring';
import { isLoopbackHostHeader, loopbackHostProblem } from './loopback';
import {
  ISSUER_PATHS,
  LOCAL_AUDIENCE,
  LOCAL_SIGNING_ALG,
  LOCAL_TOKEN_LIFETIME_SECONDS,
  USER_NAME_PATTERN,
  USER_NAME_RULE,
} from './settings';

export interface LocalIssuerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: the token endpoint signs for anyone who asks, so only a loopback host is accepted (loopback.ts). */
  host?: string;
  audience?: string;
}

export interface MintOptions {
  audience?: string;
  lifetimeSeconds?: number;
  /** The token's issue time (default now): tests make expired tokens with it. */
  issuedAt?: Date;
}

export interface LocalIssuer {
  /** The issuer identifier (`iss`), e.g. http://127.0.0.1:40123 */
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly tokenEndpoint: string;
  /** How many times the JWKS was fetched (tests show a refresh on an unknown `kid`). */
  readonly jwksRequests: number;
  /** A token for `user` (`sub` = the user name) signed with the current key. */
  mint(user: string, options?: MintOptions): Promise<string>;
  /** Any claims signed with the current key (tests forge wrong `iss`, `nbf`...); `iss` is not added. */
  signClaims(claims: JWTPayload): Promise<string>;
  /** A new signing key (published with the previous one); returns its kid. */
  rotateKeys(): Promise<string>;
  /** A fault: requests for the named documents get no answer (until `stall('none')` or close). */
  stall(what: StallTarget): void;
  close(): Promise<void>;
}

/** What a stalled issuer leaves unanswered: nothing, the JWKS only, or discovery and JWKS. */
export type StallTarget = 'none' | 'jwks' | 'all';

class UserNameError extends Error {}

function checkUser(user: string): void {
  if (!USER_NAME_PATTERN.test(user))
    throw new UserNameError(`user name ${JSON.stringify(user)} must be ${USER_NAME_RULE}`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

const MAX_TOKEN_REQUEST_BYTES = 4096;

async function readUser(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_TOKEN_REQUEST_BYTES) return undefined;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // A form body as RFC 6749 token requests use, or JSON.
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const user = (JSON.parse(text) as { user?: unknown }).user;
      return typeof user === 'string' ? user : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(text).get('user') ?? undefined;
}

export async function startLocalIssuer(options: LocalIssuerOptions = {}): Promise<LocalIssuer> {
  const host = options.host ?? '127.0.0.1';
  const hostProblem = loopbackHostProblem(host);
  if (hostProblem) throw new Error(hostProblem);
  const keys = await KeyRing.create();
  const audience = options.audience ?? LOCAL_AUDIENCE;
  let jwksRequests = 0;
  let stalled: StallTarget = 'none';
  let issuer = '';

  const signClaims = (claims: JWTPayload) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: LOCAL_SIGNING_ALG, kid: keys.current.kid, typ: 'JWT' })
      .sign(keys.current.privateKey);

  const mint = async (user: string, mintOptions: MintOptions = {}) => {
    checkUser(user);
    const iat = Math.floor((mintOptions.issuedAt ?? new Date()).getTime() / 1000);
    const exp = iat + (mintOptions.lifetimeSeconds ?? LOCAL_TOKEN_LIFETIME_SECONDS);
    return signClaims({
      iss: issuer,
      sub: user,
      aud: mintOptions.audience ?? audience,
      iat,
      exp,
      preferred_username: user,
    });
  };

  const server = createServer((req, res) => {
    // 421 Misdirected Request (RFC 9110 §15.5.20): addressed by a name that is not this machine's.
    if (!isLoopbackHostHeader(req.headers.host))
      return sendJson(res, 421, {
        error: 'invalid_request',
        error_description: 'the local issuer answers loopback names only',
      });
    const path = new URL(req.url ?? '/', 'http://issuer').pathname;
    // Left unanswered: the connection stays open until the client gives up or the issuer closes.
    if ((stalled === 'all' && path !== ISSUER_PATHS.token) || (stalled === 'jwks' && path === ISSUER_PATHS.jwks))
      return;
    if (req.method === 'GET' && path === ISSUER_PATHS.discovery) {
      return sendJson(res, 200, {
        issuer,
        jwks_uri: issuer + ISSUER_PATHS.jwks,
        token_endpoint: issuer + ISSUER_PATHS.token,
        id_token_signing_alg_values_supported: [LOCAL_SIGNING_ALG],
        subject_types_supported: ['public'],
        response_types_supported: ['token'],
      });
    }
    if (req.method === 'GET' && path === ISSUER_PATHS.jwks) {
      jwksRequests++;
      return sendJson(res, 200, keys.jwks());
    }
    if (req.method === 'POST' && path === ISSUER_PATHS.token) {
      readUser(req).then(
        async (user) => {
          if (user === undefined)
            return sendJson(res, 400, { error: 'invalid_request', error_description: 'send user=<name>' });
          try {
            const token = await mint(user);
            sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: LOCAL_TOKEN_LIFETIME_SECONDS });
          } catch (error) {
            if (error instanceof UserNameError)
              sendJson(res, 400, { error: 'invalid_request', error_description: error.message });
            else sendJson(res, 500, { error: 'server_error' });
          }
        },
        () => res.destroy(),
      );
      return;
    }
    sendJson(res, 404, { error: 'not_found' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  issuer = `http://${origin}:${address.port}`;

  return {
    issuer,
    audience,
    jwksUri: issuer + ISSUER_PATHS.jwks,
    tokenEndpoint: issuer + ISSUER_PATHS.token,
    get jwksRequests() {
      return jwksRequests;
    },
    mint,
    signClaims,
    rotateKeys: async () => (await keys.rotate()).kid,
    stall: (what) => {
      stalled = what;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
