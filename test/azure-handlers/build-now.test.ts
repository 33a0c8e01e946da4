// The package's main builds the api function's app as the worker loads it: the app settings are read
// then, the warm-up answer is logged nowhere, and missing settings still reach the first caller.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../../contract/settings';
import { recordingLogger } from '../support/recording-logger';

type ApiModule = typeof import('../../handlers/azure/api');
const SETTINGS = {
  COSMOS_ENDPOINT: 'https://127.0.0.1:9/',
  COSMOS_KEY: 'a2V5',
  COSMOS_DATABASE: 'db',
  COSMOS_NOTES_CONTAINER: 'notes',
  COSMOS_ACTIVITY_CONTAINER: 'activity',
  [AUTH_SETTINGS.mode]: AUTH_MODE_NONE,
};

function freshApiModule(): ApiModule {
  let api: ApiModule | undefined;
  // Fresh clients module too: its stores are built once per instance.
  jest.isolateModules(() => (api = require('../../handlers/azure/api') as ApiModule));
  return api!;
}

const hello = () => new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/hello?name=w' });

describe('Azure api entry built when the worker loads it', () => {
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(Object.keys(SETTINGS).map((k) => [k, process.env[k]]));
    Object.assign(process.env, SETTINGS);
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  });

  it("reads the settings when created, and logs the caller's request and not its warm-up", async () => {
    const log = recordingLogger();
    const api = freshApiModule().createAzureApiEntry({ buildNow: true, servedBy: 'azure', log });
    delete process.env.COSMOS_NOTES_CONTAINER;
    const response = await api(hello(), new InvocationContext());
    expect(response.status).toBe(200);
    expect(log.lines.map((l) => [l.route, l.status])).toEqual([['/api/hello', 200]]);
  });

  it('otherwise reads them at the first call', async () => {
    const api = freshApiModule().createAzureApiEntry({ servedBy: 'azure', log: recordingLogger() });
    delete process.env.COSMOS_NOTES_CONTAINER;
    await expect(api(hello(), new InvocationContext())).rejects.toThrow('COSMOS_NOTES_CONTAINER is not set');
  });

  it('leaves missing settings to the first invocation, with their name', async () => {
    delete process.env.COSMOS_DATABASE;
    const api = freshApiModule().createAzureApiEntry({ buildNow: true, servedBy: 'azure', log: recordingLogger() });
    await expect(api(hello(), new InvocationContext())).rejects.toThrow('COSMOS_DATABASE is not set');
  });
});
