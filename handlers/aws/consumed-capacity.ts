// Reports DynamoDB's consumed capacity per request (handlers/core/consumption.ts): a client middleware
// asks for ReturnConsumedCapacity TOTAL, only while a reported request is being served, and records
// what came back. The stores stay as they are. A failed call reports no capacity (the SDK error has
// none), yet a failed conditional write is billed: the cost model applies the documented rule then.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isRecording, recordStoreOperation, type StoreOperationKind } from '../core/consumption';
import type { Item } from './stored-note';

const MIDDLEWARE = 'reportConsumedCapacity';

const KIND_OF_COMMAND: Record<string, StoreOperationKind> = {
  GetItemCommand: 'read',
  QueryCommand: 'query',
  PutItemCommand: 'write',
  DeleteItemCommand: 'write',
  UpdateItemCommand: 'write',
};

type AttributeValue = Item[string];

/**
 * An item's size as DynamoDB counts it, closely enough for the 1 KB / 4 KB rounding: attribute names
 * plus values, strings and binaries by their bytes, numbers at most 21 bytes, booleans and nulls 1.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function dynamoItemBytes(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.min(21, Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined) return 3 + dynamoItemBytes(value.M);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueBytes(v), 0);
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + Math.min(21, Math.ceil(n.length / 2) + 1), 0);
  return 0;
}

interface Input {
  Item?: Item;
  ConsistentRead?: boolean;
  ReturnConsumedCapacity?: string;
}

interface Output {
  ConsumedCapacity?: { CapacityUnits?: number };
  Item?: Item;
  Items?: Item[];
  Attributes?: Item;
}

function bytesOf(kind: StoreOperationKind, input: Input, output: Output | undefined): number {
  if (kind === 'write') return dynamoItemBytes(input.Item ?? output?.Attributes);
  if (kind === 'read') return dynamoItemBytes(output?.Item);
  return (output?.Items ?? []).reduce((sum, item) => sum + dynamoItemBytes(item), 0);
}

/** Installs the middleware once per client (a second call replaces it, so nothing counts twice). */
export function reportConsumedCapacity(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const kind = KIND_OF_COMMAND[context.commandName ?? ''];
      if (!kind || !isRecording()) return next(args);
      const input: Input = { ...(args.input as Input), ReturnConsumedCapacity: 'TOTAL' };
      const consistent = kind === 'write' ? undefined : input.ConsistentRead === true;
      try {
        const result = await next({ ...args, input });
        const output = result.output as Output;
        const units = output.ConsumedCapacity?.CapacityUnits;
        recordStoreOperation({
          store: 'dynamodb',
          kind,
          bytes: bytesOf(kind, input, output),
          ...(units !== undefined && { reportedUnits: units }),
          ...(consistent !== undefined && { consistent }),
        });
        return result;
      } catch (error) {
        recordStoreOperation({
          store: 'dynamodb',
          kind,
          bytes: bytesOf(kind, input, undefined),
          failed: true,
          ...(consistent !== undefined && { consistent }),
        });
        throw error;
      }
    },
    { step: 'initialize', name: MIDDLEWARE, override: true },
  );
}
