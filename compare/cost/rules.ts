// The documented rules that turn bytes into billed units, for where a service reports none (a failed
// DynamoDB write) or an emulator's figure is not the cloud's (cosmosdb-server answers every request
// with a charge of 1). Each rule names its source; the Cosmos write and query rules are approximations.
import type { StoreOperation } from '../../handlers/core/consumption';

export const KB = 1024;

/** DynamoDB: 1 WRU per started KB written; 1 RRU per started 4 KB read strongly, half that eventually.
 *  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html */
export function dynamoUnits(op: Pick<StoreOperation, 'kind' | 'bytes' | 'consistent'>): number {
  const bytes = Math.max(op.bytes, 1);
  if (op.kind === 'write') return Math.ceil(bytes / KB);
  return Math.ceil(bytes / (4 * KB)) * (op.consistent ? 1 : 0.5);
}

/** Cosmos DB point read: 1 RU for a 1 KB item, 10 RU for 100 KB (Microsoft's table in "Optimize request
 *  cost"), straight between them. https://learn.microsoft.com/azure/cosmos-db/optimize-cost-reads-writes */
const cosmosReadUnits = (bytes: number) => 1 + (9 * Math.max(0, bytes / KB - 1)) / 99;

/** Cosmos DB write with default indexing: about 5 RU per started KB. Microsoft documents writes only as
 *  "a variable number of RUs" (https://learn.microsoft.com/azure/cosmos-db/request-units); this is an
 *  approximation to be replaced by charges measured on a deployed stack. */
export const COSMOS_WRITE_RU_PER_KB = 5;
/** Cosmos DB query: a fixed part for compiling and running it (approximation), plus the read rule for what it returns. */
export const COSMOS_QUERY_BASE_RU = 2.5;

export function cosmosUnits(op: Pick<StoreOperation, 'kind' | 'bytes' | 'failed'>): number {
  if (op.kind === 'read') return op.failed ? 1 : cosmosReadUnits(op.bytes);
  if (op.kind === 'write') return op.failed ? 1 : COSMOS_WRITE_RU_PER_KB * Math.ceil(Math.max(op.bytes, 1) / KB);
  return COSMOS_QUERY_BASE_RU + (op.bytes > 0 ? cosmosReadUnits(op.bytes) : 0);
}

export const RULE_TEXT = {
  dynamodb:
    '1 WRU per started KB written (a failed conditional write too); 1 RRU per started 4 KB read strongly, half eventually',
  cosmos: `point read 1 RU at 1 KB to 10 RU at 100 KB; write ${COSMOS_WRITE_RU_PER_KB} RU per started KB (approximation); query ${COSMOS_QUERY_BASE_RU} RU + the read rule on what it returns (approximation); a failed point operation 1 RU`,
} as const;
