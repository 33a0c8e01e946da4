// Reports Cosmos DB's request charge per request (handlers/core/consumption.ts): an SDK plugin reads
// x-ms-request-charge from every item request made while a reported request is being served. Failed
// requests (404, 409, 412) are charged too; their charge comes on the error's headers.
// CosmosClientOptions.plugins is marked @hidden in @azure/cosmos 4 (so absent from its typings) but is
// read by the client (src/plugins/Plugin.ts, executePlugins); test/compare/cost-consumption.test.ts
// would fail if a release stopped calling it.
import type { PluginConfig } from '@azure/cosmos';
import { isRecording, recordStoreOperation, type StoreOperationKind } from '../core/consumption';

const REQUEST_CHARGE = 'x-ms-request-charge';

const KIND_OF_OPERATION: Record<string, StoreOperationKind> = {
  read: 'read',
  query: 'query',
  create: 'write',
  replace: 'write',
  upsert: 'write',
  delete: 'write',
  patch: 'write',
};

const jsonBytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

function chargeOf(headers: unknown): number | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[REQUEST_CHARGE];
  const charge = Number(value);
  return value === undefined || !Number.isFinite(charge) ? undefined : charge;
}

/** For CosmosClientOptions.plugins: one record per item request ("docs"), nothing for metadata calls. */
export const requestChargePlugin: PluginConfig = {
  on: 'request',
  plugin: async (context, _diagnosticNode, next) => {
    const kind = KIND_OF_OPERATION[context.operationType ?? ''];
    if (!kind || context.resourceType !== 'docs' || !isRecording()) return next(context);
    try {
      const response = await next(context);
      const units = chargeOf(response.headers);
      const bytes = kind === 'write' ? jsonBytes(context.body) : jsonBytes(response.result);
      recordStoreOperation({ store: 'cosmos', kind, bytes, ...(units !== undefined && { reportedUnits: units }) });
      return response;
    } catch (error) {
      const units = chargeOf((error as { headers?: unknown }).headers);
      recordStoreOperation({
        store: 'cosmos',
        kind,
        bytes: kind === 'write' ? jsonBytes(context.body) : 0,
        failed: true,
        ...(units !== undefined && { reportedUnits: units }),
      });
      throw error;
    }
  },
};
