// The Function App's entry (package.json "main"): registers the three functions of the v4 model.
// Trigger settings use %APP_SETTING% expressions, which the Functions host resolves at start-up.
import { app } from '@azure/functions';
import { createAzureApiEntry } from './api';
import { publisherHandler } from './publisher';
import { subscriberHandler } from './subscriber';

app.http('api', {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
  authLevel: 'anonymous',
  route: '{*path}',
  // Built as the worker loads the package, not on the first request (see createAzureApiEntry).
  handler: createAzureApiEntry({ buildNow: true }),
});

app.cosmosDB('publisher', {
  // Identity connection: the host reads COSMOS__accountEndpoint (and the managed identity).
  connection: 'COSMOS',
  databaseName: '%COSMOS_DATABASE%',
  containerName: '%COSMOS_NOTES_CONTAINER%',
  leaseContainerName: '%COSMOS_LEASES_CONTAINER%',
  // The data-plane role cannot create containers; the stack creates `leases`.
  createLeaseContainerIfNotExists: false,
  // Without a retry policy a failed batch is skipped once the lease checkpoints; -1 = until it succeeds.
  retry: { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumInterval: { seconds: 5 }, maximumInterval: { minutes: 5 } },
  handler: publisherHandler,
});

app.eventGrid<unknown>('subscriber', { handler: subscriberHandler });
