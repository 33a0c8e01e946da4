// LiteResponse against Node's Response: the same constructions and reads, the same observable results.
import { LiteResponse } from '../../../handlers/core/lite-fetch/response';
import { all, outcomeOf } from './outcome';

type AnyResponse = Response | LiteResponse;
type Make = (R: typeof Response) => AnyResponse;
type Read = (r: AnyResponse) => Promise<unknown> | unknown;

/** Status, headers, the read's result (or the error class), and whether the body counts as used. */
const outcome = (make: Make, read: Read, R: typeof Response) =>
  outcomeOf(
    () => make(R),
    read,
    (response) => ({
      status: response.status,
      statusText: response.statusText,
      ok: response.ok,
      type: response.type,
      headers: all(response.headers),
      bodyUsed: response.bodyUsed,
    }),
  );

const text = (r: AnyResponse) => r.text();
const bytes = async (r: AnyResponse) => [...new Uint8Array(await r.arrayBuffer())];

const cases: [string, Make, Read][] = [
  ['a string', (R) => new R('héllo'), text],
  ['a string read as bytes', (R) => new R('hé'), bytes],
  ['bytes', (R) => new R(new Uint8Array([104, 105])), text],
  ['an ArrayBuffer', (R) => new R(new Uint8Array([1, 2, 255]).buffer), bytes],
  ['a Buffer slice', (R) => new R(Buffer.from('xxabyy').subarray(2, 4)), text],
  ['no body', (R) => new R(null, { status: 204 }), text],
  ['no arguments', (R) => new R(), bytes],
  ['read twice', (R) => new R('x'), async (r) => [await r.text(), await r.text()]],
  ['no body read twice', (R) => new R(null), async (r) => [await r.text(), await r.text()]],
  ['JSON', (R) => new R('{"a":[1,"é"]}', { headers: { 'content-type': 'application/json' } }), (r) => r.json()],
  ['bad JSON', (R) => new R('{'), (r) => r.json()],
  ['a BOM is dropped', (R) => new R('\ufeffx'), text],
  ['a lone surrogate becomes U+FFFD', (R) => new R('a\ud800b'), text],
  ['bytes that are not UTF-8', (R) => new R(new Uint8Array([0xff, 0x41])), text],
  ['status, text and headers', (R) => new R('x', { status: 418, statusText: 'Teapot', headers: [['X-A', '1']] }), text],
  ['a content-type of its own', (R) => new R('x', { headers: { 'Content-Type': 'text/html' } }), text],
  ['a status given as text', (R) => new R('x', { status: '201' as unknown as number }), text],
  ['a status with a fraction', (R) => new R('x', { status: 200.5 }), text],
  ['status 199', (R) => new R('x', { status: 199 }), text],
  ['status 600', (R) => new R('x', { status: 600 }), text],
  ['status 204 with a body', (R) => new R('x', { status: 204 }), text],
  ['status 304 with an empty string', (R) => new R('', { status: 304 }), text],
  ['a bad statusText', (R) => new R('x', { statusText: 'a\nb' }), text],
  ['a bad header', (R) => new R('x', { headers: { 'x y': '1' } }), text],
  ['clone, both read', (R) => new R('c'), async (r) => [await r.clone().text(), await r.text()]],
  ['clone after a read', (R) => new R('c'), async (r) => [await r.text(), r.clone()]],
  [
    'a response as init (hono answers HEAD so)',
    (R) => new R(null, new R('x', { status: 201, headers: { a: '1' } }) as ResponseInit),
    text,
  ],
  [
    'the same stream each time, unused until read',
    (R) => new R('x'),
    (r) => {
      const first = r.body;
      return [first === r.body, r.bodyUsed];
    },
  ],
  [
    'text after the stream was locked',
    (R) => new R('x'),
    (r) => {
      r.body!.getReader();
      return r.text();
    },
  ],
  [
    'text after the stream was read',
    (R) => new R('x'),
    async (r) => {
      const chunk = await r.body!.getReader().read();
      return [chunk.done, r.bodyUsed, await r.text()];
    },
  ],
  ['the stream after text', (R) => new R('x'), async (r) => [await r.text(), r.bodyUsed, r.body!.locked]],
  [
    'clone with the stream locked',
    (R) => new R('x'),
    (r) => {
      r.body!.getReader();
      return r.clone();
    },
  ],
  [
    're-wrapped around its own stream (hono sets c.res so)',
    (R) => {
      const first = new R('w', { status: 404, headers: { a: '1', 'content-type': 'application/problem+json' } });
      return Object.assign(new R(first.body, first as ResponseInit), { first });
    },
    async (r) => [await r.text(), (r as unknown as { first: AnyResponse }).first.bodyUsed],
  ],
  [
    're-wrapped around a locked stream',
    (R) => {
      const first = new R('w');
      first.body!.getReader();
      return new R(first.body, first as ResponseInit);
    },
    text,
  ],
  ['a stream as the body of a 204', (R) => new R(new R('w').body, { status: 204 }), text],
  [
    'a cancelled stream',
    (R) => new R('x'),
    async (r) => {
      await r.body!.cancel();
      return [r.bodyUsed, await r.text()];
    },
  ],
  ['body stream', (R) => new R('streamed'), async (r) => new Response(r.body).text()],
  ['body of none', (R) => new R(null), (r) => r.body],
  [
    'blob',
    (R) => new R('b', { headers: { 'content-type': 'text/x' } }),
    async (r) => [(await r.blob()).type, await (await r.blob()).text()],
  ],
  [
    'form data',
    (R) => new R('a=1&b=2', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    async (r) => all(await r.formData()),
  ],
  ['a URLSearchParams body', (R) => new R(new URLSearchParams('q=1')), text],
  ['Response.json', (R) => R.json({ a: 1 }, { status: 201 }), text],
  [
    'Response.json keeps a given type',
    (R) => R.json([1], { headers: { 'content-type': 'application/problem+json' } }),
    text,
  ],
  ['Response.json of undefined', (R) => R.json(undefined), text],
  ['Response.redirect', (R) => R.redirect('https://x.example/a b', 307), text],
  ['Response.redirect, bad status', (R) => R.redirect('https://x.example/', 200), text],
];

describe('LiteResponse answers as Node Response does', () => {
  it.each(cases)('%s', async (_name, make, read) => {
    const node = await outcome(make, read, Response);
    const lite = await outcome(make, read, LiteResponse as unknown as typeof Response);
    expect(lite).toEqual(node);
  });

  it('negative control: the comparison sees a difference', async () => {
    const node = await outcome((R) => new R('x'), text, Response);
    const lite = await outcome((R) => new R('y'), text, LiteResponse as unknown as typeof Response);
    expect(lite).not.toEqual(node);
  });

  it('after handing its body to a stream, it answers from Node Response alone', async () => {
    const response = new LiteResponse('once');
    const reader = response.body!.getReader();
    await reader.read();
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toMatchObject({ name: 'TypeError' });
  });
});
