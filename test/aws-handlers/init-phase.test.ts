// The api entry builds at Lambda init: the app and its clients exist before the first invocation, the
// warm-up answer is logged nowhere, and a configuration error still reaches the first caller.
import { inLambdaInit } from '../../handlers/aws/init-phase';
import { setLambdaEnv } from './support/aws-env';
import { recordingLogger } from '../support/recording-logger';
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import { jsonOf, v2Request } from './support/v2-events';
import { createAuthenticator } from '../../handlers/core/auth/authenticator';
import { type LocalIssuer, startLocalIssuer } from '../../local/oidc/issuer';

/** A fresh copy of the entry and its clients: a container builds them once, and each case is a new container. */
function createAwsApiEntry(...args: Parameters<typeof import('../../handlers/aws/api').createAwsApiEntry>) {
  let entry!: typeof import('../../handlers/aws/api');
  jest.isolateModules(() => {
    entry = require('../../handlers/aws/api');
  });
  return entry.createAwsApiEntry(...args);
}

describe('api entry at Lambda init', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = setLambdaEnv({ NOTES_TABLE: 'notes', ACTIVITY_TABLE: 'activity', [AUTH_SETTINGS.mode]: AUTH_MODE_NONE });
  });
  afterEach(() => restore());

  it('is built when created: the table variables are read then, not at the first call', async () => {
    const api = createAwsApiEntry({ buildNow: true, log: recordingLogger() });
    delete process.env.NOTES_TABLE;
    expect(jsonOf(await api(v2Request('GET', '/api/hello?name=init')))).toEqual({ message: 'Hello, init!' });
  });

  it('built lazily otherwise: the variable missing at the first call is the error', async () => {
    const api = createAwsApiEntry({ buildNow: false, log: recordingLogger() });
    delete process.env.NOTES_TABLE;
    await expect(api(v2Request('GET', '/api/hello'))).rejects.toThrow('NOTES_TABLE is not set');
  });

  it("logs the callers' requests and not its warm-up", async () => {
    const log = recordingLogger();
    const api = createAwsApiEntry({ buildNow: true, log });
    await api(v2Request('GET', '/api/hello?name=a'));
    expect(log.lines.map((l) => [l.method, l.route, l.status])).toEqual([['GET', '/api/hello', 200]]);
  });

  it('leaves a configuration error to the first invocation, with its message', async () => {
    delete process.env.ACTIVITY_TABLE;
    const api = createAwsApiEntry({ buildNow: true, log: recordingLogger() });
    await expect(api(v2Request('GET', '/api/hello'))).rejects.toThrow('ACTIVITY_TABLE is not set');
  });

  it('knows a Lambda runtime by AWS_LAMBDA_RUNTIME_API', () => {
    expect(inLambdaInit({ AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' })).toBe(true);
    expect(inLambdaInit({})).toBe(false);
  });

  describe('with sign-in', () => {
    let issuer: LocalIssuer;
    let restoreStore: () => void;
    beforeEach(async () => {
      issuer = await startLocalIssuer();
      // A store that refuses at once (nothing listens on the discard port): the store's 503, never the network.
      restoreStore = setLambdaEnv({ AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' });
    });
    afterEach(async () => {
      restoreStore();
      await issuer.close();
    });
    const auth = () => createAuthenticator({ mode: 'oidc', issuer: issuer.issuer, audience: issuer.audience });
    /** Until the issuer has served the JWKS once (the fetch runs in the background), or a second has gone by. */
    async function jwksFetched(): Promise<boolean> {
      for (let waited = 0; issuer.jwksRequests === 0 && waited < 1000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return issuer.jwksRequests > 0;
    }

    it("fetches the issuer's keys at init, so the first signed-in caller finds them", async () => {
      const api = createAwsApiEntry({ buildNow: true, log: recordingLogger(), auth: auth() });
      expect(await jwksFetched()).toBe(true);
      const token = await issuer.mint('alice');
      const listed = await api(v2Request('GET', '/api/notes', { headers: { authorization: `Bearer ${token}` } }));
      // Signed in: past the guard, on to the store (refusing here: a store 503, not a keys one).
      expect(jsonOf(listed)).toMatchObject({ detail: 'The store is unavailable; retry shortly.' });
      expect(issuer.jwksRequests).toBe(1);
    });

    it('negative control: built lazily, nothing is fetched before a signed-in call', async () => {
      createAwsApiEntry({ buildNow: false, log: recordingLogger(), auth: auth() });
      expect(await jwksFetched()).toBe(false);
    });
  });
});
