// LiteRequest against Node's Request: the same constructions and reads, the same observable results.
import { LiteRequest } from '../../../handlers/core/lite-fetch/request';
import { all, outcomeOf } from './outcome';

type AnyRequest = Request | LiteRequest;
type Make = (R: typeof Request) => AnyRequest;
type Read = (r: AnyRequest) => Promise<unknown> | unknown;

const URL_A = 'https://api.example/api/notes?x=1';

const outcome = (make: Make, read: Read, R: typeof Request) =>
  outcomeOf(
    () => make(R),
    read,
    (request) => ({
      url: request.url,
      method: request.method,
      headers: all(request.headers),
      bodyUsed: request.bodyUsed,
    }),
  );

const text = (r: AnyRequest) => r.text();
const none = () => undefined;

const cases: [string, Make, Read][] = [
  ['a URL alone', (R) => new R(URL_A), none],
  ['a URL to normalize', (R) => new R('HTTPS://API.example:443/a b/%7e/../c?q=é#frag'), none],
  ['a URL object', (R) => new R(new URL(URL_A)), none],
  ['a relative URL', (R) => new R('/api/notes'), none],
  ['a URL with credentials', (R) => new R('https://u:p@api.example/'), none],
  ['methods normalized', (R) => new R(URL_A, { method: 'post' }), none],
  ['patch stays as written', (R) => new R(URL_A, { method: 'patch' }), none],
  ['a custom method', (R) => new R(URL_A, { method: 'Purge' }), none],
  ['a forbidden method', (R) => new R(URL_A, { method: 'trace' }), none],
  ['a method that is no token', (R) => new R(URL_A, { method: 'GE T' }), none],
  ['a string body', (R) => new R(URL_A, { method: 'POST', body: '{"a":1}' }), (r) => r.json()],
  [
    'a bytes body',
    (R) =>
      new R(URL_A, {
        method: 'PUT',
        body: new Uint8Array([104, 105]),
        headers: { 'content-type': 'application/json' },
      }),
    text,
  ],
  [
    'a Buffer body',
    (R) => new R(URL_A, { method: 'PUT', body: Buffer.from('xyz').subarray(1) }),
    async (r) => [...new Uint8Array(await r.arrayBuffer())],
  ],
  ['a body on GET', (R) => new R(URL_A, { body: 'x' }), none],
  ['an empty body on HEAD', (R) => new R(URL_A, { method: 'HEAD', body: '' }), none],
  ['a null body on GET', (R) => new R(URL_A, { body: null }), text],
  ['read twice', (R) => new R(URL_A, { method: 'POST', body: 'x' }), async (r) => [await r.text(), await r.text()]],
  ['no body read twice', (R) => new R(URL_A), async (r) => [await r.text(), await r.text()]],
  [
    'headers from pairs',
    (R) =>
      new R(URL_A, {
        headers: [
          ['X-A', ' 1 '],
          ['cookie', 'a=1; b=2'],
          ['if-match', ''],
        ],
      }),
    (r) => r.headers.get('x-a'),
  ],
  ['a bad header', (R) => new R(URL_A, { headers: { 'x y': '1' } }), none],
  [
    'copied with new headers',
    (R) => {
      const first = new R(URL_A, { method: 'POST', body: 'moved', headers: { a: '1' } });
      const second = new R(first as Request, { headers: { b: '2' } });
      return Object.assign(second, { first });
    },
    async (r) => [await r.text(), (r as unknown as { first: AnyRequest }).first.bodyUsed],
  ],
  ['copied as is', (R) => new R(new R(URL_A, { method: 'DELETE', headers: { a: '1' } }) as Request), none],
  [
    'copied with a GET over a body',
    (R) => new R(new R(URL_A, { method: 'POST', body: 'x' }) as Request, { method: 'GET' }),
    none,
  ],
  [
    'copied after its body was read',
    (R) => {
      const first = new R(URL_A, { method: 'POST', body: 'x' });
      void first.text();
      return new R(first as Request);
    },
    none,
  ],
  [
    'copied after it was handed to Node (its signal read)',
    (R) => {
      const first = new R(URL_A, { method: 'POST', body: 'x', headers: { a: '1' } });
      void first.signal;
      return new R(first as Request, { headers: { b: '2' } });
    },
    text,
  ],
  [
    'a GET copy of a POST fails and leaves the source unread',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    (r) => {
      try {
        new (r.constructor as typeof Request)(r as Request, { method: 'GET' });
      } catch {
        // expected: the copy is refused
      }
      return r.bodyUsed;
    },
  ],
  [
    'clone, both read',
    (R) => new R(URL_A, { method: 'POST', body: 'c' }),
    async (r) => [await r.clone().text(), await r.text()],
  ],
  ['clone after a read', (R) => new R(URL_A, { method: 'POST', body: 'c' }), async (r) => [await r.text(), r.clone()]],
  [
    'the same stream each time, unused until read',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    (r) => {
      const first = r.body;
      return [first === r.body, r.bodyUsed];
    },
  ],
  [
    'text after the stream was locked',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    (r) => {
      r.body!.getReader();
      return r.text();
    },
  ],
  [
    'text after the stream was read',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    async (r) => {
      const chunk = await r.body!.getReader().read();
      return [chunk.done, r.bodyUsed, await r.text()];
    },
  ],
  [
    'the stream after text',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    async (r) => [await r.text(), r.bodyUsed, r.body!.locked],
  ],
  [
    'clone with the stream locked',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    (r) => {
      r.body!.getReader();
      return r.clone();
    },
  ],
  [
    'a cancelled stream',
    (R) => new R(URL_A, { method: 'POST', body: 'x' }),
    async (r) => {
      await r.body!.cancel();
      return [r.bodyUsed, await r.text()];
    },
  ],
  ['body stream', (R) => new R(URL_A, { method: 'POST', body: 'streamed' }), async (r) => new Response(r.body).text()],
  [
    'form data',
    (R) =>
      new R(URL_A, { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    async (r) => all(await r.formData()),
  ],
  [
    'modes as Node has them',
    (R) => new R(URL_A),
    (r) => [r.cache, r.credentials, r.mode, r.redirect, r.referrer, r.keepalive, r.signal.aborted],
  ],
  ['a signal in init', (R) => new R(URL_A, { signal: AbortSignal.abort() }), (r) => r.signal.aborted],
];

describe('LiteRequest answers as Node Request does', () => {
  it.each(cases)('%s', async (_name, make, read) => {
    const node = await outcome(make, read, Request);
    const lite = await outcome(make, read, LiteRequest as unknown as typeof Request);
    expect(lite).toEqual(node);
  });

  it('negative control: the comparison sees a difference', async () => {
    const node = await outcome((R) => new R(URL_A, { method: 'PUT' }), none, Request);
    const lite = await outcome((R) => new R(URL_A, { method: 'POST' }), none, LiteRequest as unknown as typeof Request);
    expect(lite).not.toEqual(node);
  });
});
