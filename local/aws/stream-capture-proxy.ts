import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { DynamoDBRecord } from 'aws-lambda';
import { readBody } from '../read-body';
import { streamRecord, type Image, type StreamSource } from './stream-records';

// dynalite has no Streams. This loopback proxy sits between the app and dynalite, forwards every request
// unchanged, and for each successful write to the streamed table reads the item's image before and after
// (writes to that table are serialised here, so the two reads bracket exactly that write) and appends
// the resulting stream record to the change log. Only committed writes produce records.

const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

interface Forwarded {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.hostname, port: target.port, method, path: url, headers }, (res) => {
      readBody(res).then((responseBody) => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: responseBody }), reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The keys a write request touches in `table`, in request order. */
export function writtenKeys(operation: string, input: Record<string, unknown>, source: StreamSource): Image[] {
  const pick = (item: Image) => Object.fromEntries(source.keyAttributes.map((name) => [name, item[name]!]));
  if (operation === 'BatchWriteItem') {
    const requests = ((input.RequestItems as Record<string, unknown[]> | undefined) ?? {})[source.table] ?? [];
    return requests.map((r) => {
      const write = r as { PutRequest?: { Item: Image }; DeleteRequest?: { Key: Image } };
      return write.PutRequest ? pick(write.PutRequest.Item) : pick(write.DeleteRequest!.Key);
    });
  }
  if (input.TableName !== source.table) return [];
  return [operation === 'PutItem' ? pick(input.Item as Image) : pick(input.Key as Image)];
}

export function createStreamCaptureProxy(
  dynaliteUrl: URL,
  client: DynamoDBClient,
  source: StreamSource,
  onRecords: (records: DynamoDBRecord[]) => void,
): Server {
  let writeChain: Promise<unknown> = Promise.resolve();
  const image = async (key: Image) => (await client.send(new GetItemCommand({ TableName: source.table, Key: key, ConsistentRead: true }))).Item;

  async function capturedWrite(keys: Image[], send: () => Promise<Forwarded>): Promise<Forwarded> {
    const before = await Promise.all(keys.map(image));
    const result = await send();
    if (result.status === 200) {
      const after = await Promise.all(keys.map(image));
      const records = keys.map((_, i) => streamRecord(source, before[i], after[i])).filter((r): r is DynamoDBRecord => r !== undefined);
      if (records.length > 0) onRecords(records);
    }
    return result;
  }

  return createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const send = () => forward(dynaliteUrl, req.method ?? 'POST', req.url ?? '/', req.headers, body);
      let keys: Image[] = [];
      if (writeOperations.has(operation)) {
        try {
          keys = writtenKeys(operation, JSON.parse(body.toString('utf8')) as Record<string, unknown>, source);
        } catch {
          keys = []; // malformed: dynalite answers with the proper validation error
        }
      }
      let result: Forwarded;
      if (keys.length > 0) {
        const run = writeChain.then(() => capturedWrite(keys, send));
        writeChain = run.catch(() => undefined);
        result = await run;
      } else {
        result = await send();
      }
      res.writeHead(result.status, result.headers);
      res.end(result.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) }));
    }
  });
}
