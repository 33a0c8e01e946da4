// The Function App's entry (package.json "main"): registers the three functions of the v4 model.
// Trigger settings use %APP_SETTING% expressions, which the Functions host resolves at start-up.
import { app } from '@azure/functions';
import { AZURE_SETTINGS, type AzureFunctionName, COSMOS_CONNECTION, settingExpression } from '../../contract/azure';
import { createAzureApiEntry } from './api';
import { publisherHandler } from './publisher';
import { subscriberHandler } from './subscriber';

app.http('api' satisfies AzureFunctionName, {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
  authLevel: 'anonymous',
  route: '{*path}',
  // Built as the worker loads the package, not on the first request (see createAzureApiEntry).
  handler: createAzureApiEntry({ buildNow: true }),
});

app.cosmosDB('publisher' satisfies AzureFunctionName, {
  // Identity connection: the host reads <connection>__accountEndpoint (and the managed identity).
  connection: COSMOS_CONNECTION,
  databaseName: settingExpression(AZURE_SETTINGS.database),
  containerName: settingExpression(AZURE_SETTINGS.notesContainer),
  leaseContainerName: settingExpression(AZURE_SETTINGS.leasesContainer),
  // The data-plane role cannot create containers; the stack creates `leases`.
  createLeaseContainerIfNotExists: false,
  // Without a retry policy a failed batch is skipped once the lease checkpoints; -1 = until it succeeds.
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: -1,
    minimumInterval: { seconds: 5 },
    maximumInterval: { minutes: 5 },
  },
  handler: publisherHandler,
});

app.eventGrid<unknown>('subscriber' satisfies AzureFunctionName, { handler: subscriberHandler });
