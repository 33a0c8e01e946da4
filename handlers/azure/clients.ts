// SDK clients and stores, created once per Functions instance on first use, from app settings
// (settings.ts; names in contract/azure.ts). In the cloud every client authenticates with the app's managed
// identity; keys and a private CA exist only in local mode.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { type Container, CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { AZURE_SETTINGS, type AzureSettingName } from '../../contract/azure';
import { reportingEnabled } from '../core/consumption';
import type { ActivityStore, EventPublisher, NoteStore } from '../core/ports';
import type { Settings } from '../core/settings';
import { CosmosActivityStore } from './activity-store';
import { EventGridPublisher } from './event-publisher';
import { CosmosNoteStore } from './note-store';
import { requestChargePlugin } from './request-charge';
import { azureSetting, localOnlySetting } from './settings';

/** @azure/core-auth's TokenCredential, named through a package we depend on directly. */
export type TokenCredential = NonNullable<CosmosClientOptions['aadCredentials']>;

let identity: Promise<TokenCredential> | undefined;
/**
 * The app's managed identity. @azure/identity (with MSAL, a quarter of the package) is only needed
 * in the cloud and only once a client asks for a token, so it is loaded then, not at cold start.
 */
export function loadManagedIdentity(): Promise<TokenCredential> {
  identity ??= import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
  return identity;
}

/** What the SDK clients hold: a credential whose first token request loads the managed identity. */
export const managedIdentity: TokenCredential = {
  getToken: async (scopes, options) => (await loadManagedIdentity()).getToken(scopes, options),
};

/** Key + emulator CA when the Cosmos key is set (local mode), the managed identity otherwise. */
export function cosmosClientOptions(env: Settings): CosmosClientOptions {
  const endpoint = azureSetting(AZURE_SETTINGS.cosmosEndpoint, env);
  const key = localOnlySetting(AZURE_SETTINGS.cosmosKey, env);
  if (key === undefined) return { endpoint, aadCredentials: managedIdentity };
  const caFile = localOnlySetting(AZURE_SETTINGS.cosmosCaFile, env);
  return {
    endpoint,
    key,
    // Trust the emulator's certificate for this client only; never NODE_TLS_REJECT_UNAUTHORIZED.
    // keepAlive: a new TLS handshake per call cost ~5 ms of CPU per request against the emulator.
    ...(caFile ? { agent: new Agent({ ca: readFileSync(caFile), keepAlive: true }) } : {}),
    // An emulator advertises its own host names; keep talking to the endpoint we were given.
    connectionPolicy: { enableEndpointDiscovery: false },
  };
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export function createEventGridPublisher(env: Settings): EventGridPublisher {
  const endpoint = azureSetting(AZURE_SETTINGS.topicEndpoint, env);
  const key = localOnlySetting(AZURE_SETTINGS.topicKey, env);
  if (key === undefined) return new EventGridPublisher(endpoint, managedIdentity);
  // Local mode: a key, and plain HTTP allowed only for a loopback stand-in of the topic.
  const url = new URL(endpoint);
  // A KeyCredential is any object with a string `key` (the SDK checks the shape, not the class);
  // AzureKeyCredential would be a value import of @azure/eventgrid, which loads lazily.
  return new EventGridPublisher(
    endpoint,
    { key },
    {
      allowInsecureConnection: url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname),
      // The SDK's default (3 retries from 1 s, doubling) holds a change-feed batch ~7 s per attempt while
      // a local topic is down; the change feed retries the batch anyway, so retry briefly here.
      retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 400 },
    },
  );
}

let cosmos: CosmosClient | undefined;
function container(env: Settings, containerSetting: AzureSettingName): Container {
  // REPORT_CONSUMPTION adds the request-charge plugin (handlers/core/consumption.ts); off, none runs.
  cosmos ??= new CosmosClient({
    ...cosmosClientOptions(env),
    ...(reportingEnabled(env) && { plugins: [requestChargePlugin] }),
  });
  return cosmos.database(azureSetting(AZURE_SETTINGS.database, env)).container(azureSetting(containerSetting, env));
}

let notes: NoteStore | undefined;
let activity: ActivityStore | undefined;
let publisher: EventPublisher | undefined;

export function noteStore(env: Settings = process.env): NoteStore {
  notes ??= new CosmosNoteStore(container(env, AZURE_SETTINGS.notesContainer));
  return notes;
}

export function activityStore(env: Settings = process.env): ActivityStore {
  activity ??= new CosmosActivityStore(container(env, AZURE_SETTINGS.activityContainer));
  return activity;
}

export function eventPublisher(env: Settings = process.env): EventPublisher {
  publisher ??= createEventGridPublisher(env);
  return publisher;
}

/** Forgets every client (tests, and local mode when it restarts an emulated cloud). */
export function disposeClients(): void {
  cosmos?.dispose();
  cosmos = undefined;
  notes = undefined;
  activity = undefined;
  publisher = undefined;
}
