// Cold start: loading the Function App's entry must not evaluate @azure/identity (only the cloud needs
// it, and only for a token) nor @azure/eventgrid (only the publisher sends); each loads on first use.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { changeToEvent } from '../../handlers/core/events';
import { sampleNote } from '../contract/note-store-contract';
import { AZURE_SETTINGS } from '../../contract/azure';
import { type EventGridStub, startEventGridStub } from './event-grid-stub';

const mockLoaded: string[] = [];
jest.mock('@azure/identity', () => {
  mockLoaded.push('@azure/identity');
  return jest.requireActual('@azure/identity');
});
jest.mock('@azure/eventgrid', () => {
  mockLoaded.push('@azure/eventgrid');
  return jest.requireActual('@azure/eventgrid');
});
// No Functions host here: registration is not what this file tests, so it is a no-op (and quiet).
jest.mock('@azure/functions', () => {
  const actual = jest.requireActual('@azure/functions');
  const ignore = () => undefined;
  return { ...actual, app: { ...actual.app, http: ignore, cosmosDB: ignore, eventGrid: ignore } };
});

type Clients = typeof import('../../handlers/azure/clients');

describe('SDKs the api function never needs load on first use', () => {
  let clients: Clients;
  let stub: EventGridStub | undefined;
  beforeAll(() => {
    jest.isolateModules(() => {
      require('../../handlers/azure/index');
      clients = require('../../handlers/azure/clients') as Clients;
    });
  });
  afterAll(async () => {
    clients.disposeClients();
    await stub?.stop();
  });

  it('loads neither with the entry', () => {
    expect(mockLoaded).toEqual([]);
  });

  it('loads @azure/identity when a token credential is first needed', async () => {
    const { DefaultAzureCredential } = jest.requireActual<typeof import('@azure/identity')>('@azure/identity');
    await expect(clients.loadManagedIdentity()).resolves.toBeInstanceOf(DefaultAzureCredential);
    expect(mockLoaded).toEqual(['@azure/identity']);
  });

  it('loads @azure/eventgrid with the first publish, not when the publisher is created', async () => {
    stub = await startEventGridStub('http');
    const publisher = clients.eventPublisher({
      [AZURE_SETTINGS.topicEndpoint]: stub.endpoint,
      [AZURE_SETTINGS.topicKey]: 'k',
    });
    expect(mockLoaded).not.toContain('@azure/eventgrid');
    await publisher.publish([
      changeToEvent({ owner: OWNER, kind: 'created', note: sampleNote(), time: new Date().toISOString() }),
    ]);
    expect(mockLoaded).toContain('@azure/eventgrid');
    expect(stub.requests).toHaveLength(1);
  });
});
