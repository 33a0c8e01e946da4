// index.ts registers the three functions with the trigger settings the Functions host needs, and
// host.json keeps the /api prefix and the v4 extension bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const registered: Record<string, [string, Record<string, unknown>][]> = { http: [], cosmosDB: [], eventGrid: [] };

jest.mock('@azure/functions', () => {
  const actual = jest.requireActual('@azure/functions');
  const capture = (kind: string) => (name: string, options: Record<string, unknown>) =>
    registered[kind]!.push([name, options]);
  return {
    ...actual,
    app: { ...actual.app, http: capture('http'), cosmosDB: capture('cosmosDB'), eventGrid: capture('eventGrid') },
  };
});

describe('handlers/azure/index.ts', () => {
  beforeAll(() => {
    jest.isolateModules(() => {
      require('../../handlers/azure/index');
    });
  });

  it('registers the api as one anonymous catch-all HTTP function', () => {
    expect(registered.http).toHaveLength(1);
    const [name, options] = registered.http![0]!;
    expect(name).toBe('api');
    expect(options).toMatchObject({ authLevel: 'anonymous', route: '{*path}' });
    expect(options.methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']));
    expect(typeof options.handler).toBe('function');
  });

  it('registers the publisher on the notes change feed, from app settings, with a retry policy', () => {
    expect(registered.cosmosDB).toHaveLength(1);
    const [name, options] = registered.cosmosDB![0]!;
    expect(name).toBe('publisher');
    expect(options).toMatchObject({
      connection: 'COSMOS',
      databaseName: '%COSMOS_DATABASE%',
      containerName: '%COSMOS_NOTES_CONTAINER%',
      leaseContainerName: '%COSMOS_LEASES_CONTAINER%',
      createLeaseContainerIfNotExists: false,
      retry: { strategy: 'exponentialBackoff', maxRetryCount: -1 },
    });
  });

  it('registers the subscriber as an Event Grid function', () => {
    expect(registered.eventGrid!.map(([name]) => name)).toEqual(['subscriber']);
  });

  it('ships a host.json with the api route prefix and the v4 extension bundle', () => {
    const host = JSON.parse(readFileSync(join(__dirname, '../../handlers/azure/host.json'), 'utf8'));
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle).toEqual({ id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' });
    expect(host.extensions.http.routePrefix).toBe('api');
  });
});
