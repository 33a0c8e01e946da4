// Asks a running local issuer's token endpoint for a user's token (what `npm run token` does).
import { discoveryUrl } from '../../handlers/core/auth/discovery';

/** Bound on each call to the local issuer: it is on loopback, so anything longer means it is not there. */
const REQUEST_TIMEOUT_MS = 5_000;

export class TokenRequestError extends Error {}

export async function requestToken(issuer: string, user: string): Promise<string> {
  const signal = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let tokenEndpoint: string;
  try {
    const discovery = (await (await fetch(discoveryUrl(issuer), { signal: signal() })).json()) as {
      token_endpoint?: unknown;
    };
    if (typeof discovery.token_endpoint !== 'string') throw new Error('no token_endpoint');
    tokenEndpoint = discovery.token_endpoint;
  } catch (error) {
    throw new TokenRequestError(
      `no local issuer answers at ${issuer} (${(error as Error).message}); is local mode running?`,
    );
  }
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ user }),
    signal: signal(),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new TokenRequestError(`the issuer refused: ${body.error_description ?? `HTTP ${response.status}`}`);
  }
  return body.access_token;
}
