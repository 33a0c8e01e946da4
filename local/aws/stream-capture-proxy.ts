import { createServer, type Server } from 'node:http';
import type { DynamoDBRecord } from 'aws-lambda';
import { readBody } from '../read-body';
import { inProcessDynalite, requestHandlerOf, type DynaliteAnswer, type DynaliteCall } from './dynalite-in-process';
import { PerKeySerializer } from './per-key-serializer';
import { streamRecord, type Image, type StreamSource } from './stream-records';

// dynalite has no Streams. This loopback server is the app's DynamoDB endpoint: dynalite's own request
// handler, called in-process, answers every request unchanged, and for each successful write to the
// streamed table the item's image is read before and after (writes to the same item are serialised
// here, so the two reads bracket exactly that write) and the resulting stream record is appended to
// the change log. Only committed writes produce records. Like DynamoDB Streams, the log is in order
// per item; writes to different items run concurrently. The write is answered only once the change
// log has its record durably, so an acknowledged write always reaches the stream.

const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** The keys a write request touches in `table`, in request order. */
export function writtenKeys(operation: string, input: Record<string, unknown>, source: StreamSource): Image[] {
  const pick = (item: Image) => Object.fromEntries(source.keyAttributes.map((name) => [name, item[name]!]));
  if (operation === 'BatchWriteItem') {
    const requests = (input.RequestItems as Record<string, unknown[]> | undefined)?.[source.table] ?? [];
    return requests.map((r) => {
      const write = r as { PutRequest?: { Item: Image }; DeleteRequest?: { Key: Image } };
      return write.PutRequest ? pick(write.PutRequest.Item) : pick(write.DeleteRequest!.Key);
    });
  }
  if (input.TableName !== source.table) return [];
  return [operation === 'PutItem' ? pick(input.Item as Image) : pick(input.Key as Image)];
}

const notExistsCondition = /^\s*attribute_not_exists\s*\(\s*(#?[\w.-]+)\s*\)\s*$/;

/**
 * True for a PutItem whose condition is `attribute_not_exists(<key attribute>)`: if it succeeds,
 * the item did not exist before, so its old image need not be read (the create path of the app).
 */
export function createsOnly(operation: string, input: Record<string, unknown>, source: StreamSource): boolean {
  if (operation !== 'PutItem' || typeof input.ConditionExpression !== 'string') return false;
  const match = notExistsCondition.exec(input.ConditionExpression);
  if (!match) return false;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, unknown>;
  const attribute = match[1]!.startsWith('#') ? names[match[1]!] : match[1];
  return typeof attribute === 'string' && source.keyAttributes.includes(attribute);
}

/** One string per item: the key attributes in the table's key order, as DynamoDB JSON. */
function itemKey(key: Image): string {
  return JSON.stringify(key);
}

// dynalite checks that a request looks signed, never the signature: a fixed one spares the SDK's
// middleware and SigV4 work on the two image reads every captured write costs.
const imageReadHeaders = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.GetItem',
  'x-amz-date': '20000101T000000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
};

/** The item as stored (DynamoDB JSON, binary values base64 as in a stream event), or undefined. */
async function readImage(dynalite: DynaliteCall, table: string, key: Image): Promise<Image | undefined> {
  const body = Buffer.from(JSON.stringify({ TableName: table, Key: key, ConsistentRead: true }));
  const answer = await dynalite('POST', '/', { ...imageReadHeaders, 'content-length': String(body.length) }, body);
  const parsed = JSON.parse(answer.body.toString('utf8')) as { Item?: Image; __type?: string; message?: string };
  if (answer.status !== 200)
    throw new Error(`image read failed: ${answer.status} ${parsed.__type ?? ''} ${parsed.message ?? ''}`);
  return parsed.Item;
}

/** Reads go to dynalite's handler as they are; writes are buffered first to capture the stream. */
export function createStreamCaptureProxy(
  dynaliteServer: Server,
  source: StreamSource,
  onRecords: (records: DynamoDBRecord[]) => void | Promise<void>,
): Server {
  const dynalite = inProcessDynalite(dynaliteServer);
  const dynaliteHandler = requestHandlerOf(dynaliteServer);
  const perItem = new PerKeySerializer();
  const image = (key: Image) => readImage(dynalite, source.table, key);

  async function capturedWrite(
    keys: Image[],
    absentBefore: boolean,
    send: () => Promise<DynaliteAnswer>,
  ): Promise<DynaliteAnswer> {
    const before = absentBefore ? keys.map(() => undefined) : await Promise.all(keys.map(image));
    const result = await send();
    if (result.status === 200) {
      const after = await Promise.all(keys.map(image));
      const records = keys
        .map((_, i) => streamRecord(source, before[i], after[i]))
        .filter((r): r is DynamoDBRecord => r !== undefined);
      if (records.length > 0) await onRecords(records);
    }
    return result;
  }

  return createServer(async (req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (!writeOperations.has(operation)) return dynaliteHandler(req, res);
    try {
      const body = await readBody(req);
      const send = () => dynalite(req.method ?? 'POST', req.url ?? '/', req.headers, body);
      let keys: Image[] = [];
      let absentBefore = false;
      try {
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        keys = writtenKeys(operation, input, source);
        absentBefore = createsOnly(operation, input, source);
      } catch {
        keys = []; // malformed: dynalite answers with the proper validation error
      }
      let result: DynaliteAnswer;
      if (keys.length > 0) {
        result = await perItem.run(keys.map(itemKey), () => capturedWrite(keys, absentBefore, send));
      } else {
        result = await send();
      }
      res.writeHead(result.status, result.headers);
      res.end(result.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) }),
      );
    }
  });
}
