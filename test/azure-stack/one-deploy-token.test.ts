// The One Deploy token path without Entra: which credential it builds from the environment, that
// in GitHub Actions each sign-in fetches a fresh OIDC assertion (from a loopback stand-in for
// GitHub's token endpoint), the audience it asks for, and how a credential failure reads.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GetTokenOptions, TokenCredential } from '@azure/identity';
import {
  deployCredential,
  gitHubAssertion,
  gitHubOidcFrom,
  kuduTokenScope,
  OneDeployError,
  tokenFromCredential,
} from '../../azure/one-deploy';

const issued: { url: string; authorization?: string }[] = [];
let server: http.Server;
let requestUrl: string;

beforeAll(async () => {
  let serial = 0;
  server = http.createServer((req, res) => {
    issued.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization !== 'bearer runtime-token') return void res.writeHead(403).end();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ value: `github-oidc-${++serial}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  requestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => {
  issued.length = 0;
});

const ciEnv = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-token',
  ARM_CLIENT_ID: 'client-id',
  ARM_TENANT_ID: 'tenant-id',
});

/** Stands in for @azure/identity: records what each credential was built with. */
function fakeIdentity() {
  const built: { kind: string; args: unknown[] }[] = [];
  class ClientAssertionCredential {
    constructor(...args: unknown[]) {
      built.push({ kind: 'ClientAssertionCredential', args });
    }
  }
  class DefaultAzureCredential {
    constructor(...args: unknown[]) {
      built.push({ kind: 'DefaultAzureCredential', args });
    }
  }
  return {
    built,
    identity: { ClientAssertionCredential, DefaultAzureCredential } as unknown as typeof import('@azure/identity'),
  };
}

describe('the credential', () => {
  it('in GitHub Actions: a client assertion credential that fetches a fresh GitHub OIDC token at each sign-in', async () => {
    const { built, identity } = fakeIdentity();
    deployCredential(ciEnv(), identity);
    expect(built.map((b) => b.kind)).toEqual(['ClientAssertionCredential']);
    const [tenantId, clientId, getAssertion] = built[0].args as [string, string, () => Promise<string>];
    expect([tenantId, clientId]).toEqual(['tenant-id', 'client-id']);
    expect(await getAssertion()).toBe('github-oidc-1');
    expect(await getAssertion()).toBe('github-oidc-2');
    expect(issued).toHaveLength(2);
    expect(issued[0].authorization).toBe('bearer runtime-token');
    expect(new URL(issued[0].url, 'http://x').searchParams.get('audience')).toBe('api://AzureADTokenExchange');
    expect(new URL(issued[0].url, 'http://x').searchParams.get('api-version')).toBe('2.0');
  });

  it('accepts AZURE_CLIENT_ID/AZURE_TENANT_ID as well as the ARM_ names', () => {
    const { ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN } = ciEnv();
    expect(
      gitHubOidcFrom({
        ACTIONS_ID_TOKEN_REQUEST_URL,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN,
        AZURE_CLIENT_ID: 'c',
        AZURE_TENANT_ID: 't',
      }),
    ).toMatchObject({
      clientId: 'c',
      tenantId: 't',
    });
  });

  it('elsewhere (no id-token permission or no client id): DefaultAzureCredential, i.e. az login on a workstation', () => {
    for (const env of [
      {},
      { ...ciEnv(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
      { ...ciEnv(), ARM_CLIENT_ID: undefined },
    ]) {
      const { built, identity } = fakeIdentity();
      deployCredential(env, identity);
      expect(built.map((b) => b.kind)).toEqual(['DefaultAzureCredential']);
    }
  });

  it('says what is missing when GitHub gives no token', async () => {
    const oidc = { ...gitHubOidcFrom(ciEnv())!, requestToken: 'wrong' };
    await expect(gitHubAssertion(oidc)).rejects.toThrow(
      /answered 403 without a token; the job needs "permissions: id-token: write"/,
    );
  });
});

describe('tokens from the credential', () => {
  it('asks for the audience the Azure CLI holds and Kudu accepts, each time', async () => {
    const scopes: (string | string[])[] = [];
    const credential: TokenCredential = {
      getToken: async (scope: string | string[], _options?: GetTokenOptions) => {
        scopes.push(scope);
        return { token: `token-${scopes.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const token = tokenFromCredential(credential);
    expect([await token(), await token()]).toEqual(['token-1', 'token-2']);
    expect(scopes).toEqual([kuduTokenScope, kuduTokenScope]);
    expect(kuduTokenScope).toBe('https://management.core.windows.net//.default');
  });

  it('turns a credential that cannot sign in into an auth error that says what to do', async () => {
    const credential: TokenCredential = {
      getToken: async () => {
        throw new Error('AADSTS700024: Client assertion is not within its valid time range');
      },
    };
    const error = await tokenFromCredential(credential)().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneDeployError);
    expect((error as OneDeployError).kind).toBe('auth');
    expect((error as OneDeployError).message).toMatch(/AADSTS700024.*az login.*id-token: write.*ARM_CLIENT_ID/);
  });

  it('a credential that returns nothing is an auth error too', async () => {
    const error = await tokenFromCredential({ getToken: async () => null })().catch((e: unknown) => e);
    expect((error as OneDeployError).kind).toBe('auth');
  });
});
