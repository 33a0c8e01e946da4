// issuerGet: the issuer's documents over node:http, as much of fetch as jose and discovery use.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issuerGet, MAX_ISSUER_DOCUMENT_BYTES } from '../../handlers/core/auth/issuer-get';

let server: Server;
let base: string;
const seenHeaders: Record<string, string | string[] | undefined>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seenHeaders.push(request.headers);
    if (request.url === '/doc') response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[1]}');
    else if (request.url === '/moved') response.writeHead(302, { location: '/doc' }).end();
    else if (request.url === '/large') response.writeHead(200).end(Buffer.alloc(MAX_ISSUER_DOCUMENT_BYTES + 1, 32));
    else if (request.url === '/stall')
      response.writeHead(200).write('{"keys":'); // never ends
    else response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('answers the status and the body as JSON, sending the headers given (a Headers object or a record)', async () => {
  const headers = new Headers({ accept: 'application/json' }) as unknown as Iterable<[string, string]>;
  const response = await issuerGet(`${base}/doc`, { headers });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ keys: [1] });
  expect(seenHeaders.at(-1)!.accept).toBe('application/json');
  await issuerGet(new URL(`${base}/doc`), { headers: { 'user-agent': 'x' } });
  expect(seenHeaders.at(-1)!['user-agent']).toBe('x');
});

it('follows no redirect: a 302 is answered as such, as fetch does with redirect "manual"', async () => {
  expect((await issuerGet(`${base}/moved`)).status).toBe(302);
});

it("rejects with the signal's TimeoutError when the issuer stalls, as fetch does", async () => {
  await expect(issuerGet(`${base}/stall`, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
    name: 'TimeoutError',
  });
});

it('refuses a document over the size bound, and a scheme that is not http(s)', async () => {
  await expect(issuerGet(`${base}/large`)).rejects.toThrow('the issuer document is too large');
  await expect(issuerGet('file:///etc/passwd')).rejects.toThrow('file: is not http or https');
});
