import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { formatRequestTime, toApiGatewayEvent } from '../../local/aws/api-gateway-event';
import { writeApiGatewayResult } from '../../local/aws/api-gateway-response';
import { readBody } from '../../local/read-body';
import { withServer } from './helpers/capture-server';

const captured = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/aws-apigw-v2/awsdocs_event-v2_cookies-captured.json'), 'utf8'),
) as APIGatewayProxyEventV2;

/** Sends raw headers (repeats included) with node:http, which fetch would merge or forbid. */
function send(
  baseUrl: string,
  path: string,
  method: string,
  headers: [string, string][],
  body?: Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    // A raw header array keeps repeats; node adds no Host header to it, so it is given here.
    const raw = [['host', url.host], ...headers].flat();
    const req = request(
      { host: url.hostname, port: url.port, path, method, headers: raw as unknown as Record<string, string> },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function eventFor(
  path: string,
  method: string,
  headers: [string, string][],
  body?: Buffer,
): Promise<APIGatewayProxyEventV2> {
  let event: APIGatewayProxyEventV2 | undefined;
  await withServer(
    async (req, res) => {
      event = toApiGatewayEvent(req, await readBody(req), {
        requestId: 'req-1',
        now: new Date(Date.UTC(2020, 2, 10, 5, 16, 23, 220)),
      });
      res.end();
    },
    (baseUrl) => send(baseUrl, path, method, headers, body),
  );
  return event!;
}

describe('API Gateway payload 2.0 event from a real HTTP request', () => {
  it('has the structure of a captured API Gateway event', async () => {
    const event = await eventFor('/default/fn', 'GET', [
      ['cookie', 's_fid=7AAB; regStatus=pre-register'],
      ['user-agent', 'jest'],
    ]);
    expect(Object.keys(event).sort()).toEqual(Object.keys(captured).sort());
    expect(Object.keys(event.requestContext).sort()).toEqual(Object.keys(captured.requestContext).sort());
    expect(Object.keys(event.requestContext.http).sort()).toEqual(Object.keys(captured.requestContext.http).sort());
    expect(event.cookies).toEqual(['s_fid=7AAB', 'regStatus=pre-register']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/default/fn',
      rawQueryString: '',
      isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      routeKey: '$default',
      stage: '$default',
      requestId: 'req-1',
      time: '10/Mar/2020:05:16:23 +0000',
      timeEpoch: 1583817383220,
      http: { method: 'GET', path: '/default/fn', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
    });
  });

  it('lower-cases header names and comma-joins repeated headers and query parameters', async () => {
    const event = await eventFor('/api/notes?tag=a&tag=b&q=x%20y', 'GET', [
      ['X-Multi', 'one'],
      ['x-multi', 'two'],
      ['Accept', 'application/json'],
    ]);
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.accept).toBe('application/json');
    expect(event.rawQueryString).toBe('tag=a&tag=b&q=x%20y');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'x y' });
    expect(event.cookies).toBeUndefined();
  });

  it('decodes the path like API Gateway does (see the space-in-path fixture)', async () => {
    const event = await eventFor('/api/file%20name.xml', 'GET', []);
    expect(event.rawPath).toBe('/api/file name.xml');
    expect(event.requestContext.http.path).toBe('/api/file name.xml');
  });

  it('passes a JSON body as text and a binary body as base64', async () => {
    const json = await eventFor(
      '/api/notes',
      'POST',
      [['content-type', 'application/json; charset=utf-8']],
      Buffer.from('{"title":"é"}'),
    );
    expect(json).toMatchObject({ body: '{"title":"é"}', isBase64Encoded: false });
    const bytes = Buffer.from([0, 255, 1, 254]);
    const binary = await eventFor('/api/notes', 'POST', [['content-type', 'application/octet-stream']], bytes);
    expect(binary).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  it('formats requestContext.time with a zero-padded day', () => {
    expect(formatRequestTime(new Date(Date.UTC(2026, 0, 5, 7, 8, 9)))).toBe('05/Jan/2026:07:08:09 +0000');
  });
});

describe('payload 2.0 response to HTTP', () => {
  async function respond(result: Parameters<typeof writeApiGatewayResult>[1]) {
    let response: Response | undefined;
    await withServer(
      (_req, res) => {
        writeApiGatewayResult(res, result);
      },
      async (baseUrl) => {
        response = await fetch(baseUrl);
      },
    );
    return response!;
  }

  it('writes status, headers, cookies as Set-Cookie and a base64 body as bytes', async () => {
    const response = await respond({
      statusCode: 201,
      headers: { 'x-one': 'a', 'x-two': ['b', 'c'] },
      cookies: ['a=1; Path=/', 'b=2'],
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-one')).toBe('a');
    expect(response.headers.get('x-two')).toBe('b,c');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('writes a text body as UTF-8 and keeps the last of two header names that differ only in case', async () => {
    const response = await respond({
      statusCode: 200,
      headers: { 'Content-Type': 'text/plain', 'content-type': 'text/html', 'x-n': 5 },
      body: 'été ✓',
    });
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-n')).toBe('5');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('été ✓')));
    expect(await response.text()).toBe('été ✓');
  });

  it('writes an empty body for a structured result without one', async () => {
    const response = await respond({ statusCode: 404 });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('infers 200 + JSON for a result without statusCode', async () => {
    const response = await respond({ hello: 'world' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('{"hello":"world"}'.length));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ hello: 'world' });
  });
});

describe('what fuzzing over HTTP found (test/reliability)', () => {
  it('sends a text-typed body that is not UTF-8 base64-encoded, byte for byte, instead of as U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"title":" '), Buffer.from([0xff]), Buffer.from('","body":""}')]);
    const event = await eventFor('/api/notes', 'POST', [['content-type', 'application/json']], bytes);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64').equals(bytes)).toBe(true);
  });

  it('resolves dot segments sent as such, as a URL parser does, then decodes', async () => {
    expect((await eventFor('/api/x/./y/%2e%2E/z', 'GET', [])).rawPath).toBe('/api/x/z');
  });

  it('decodes %2F, so encoded dot segments stay for the adapter to refuse', async () => {
    expect((await eventFor('/api/hello/x%2F..%2F..%2Fhello', 'GET', [])).rawPath).toBe('/api/hello/x/../../hello');
  });

  it('keeps a malformed escape as sent and decodes the rest of the path', async () => {
    expect((await eventFor('/api/x%zz/%C3%A9', 'GET', [])).rawPath).toBe('/api/x%zz/é');
  });
});
