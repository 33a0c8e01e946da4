// The adapter's shortcuts must give what the longer way gives: the path without a second URL parse,
// and the body handed over as the stream HttpRequest already holds.
import { noSignIn } from '../../handlers/core/auth/authenticator';
import fc from 'fast-check';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createApiHandler } from '../../handlers/azure/api';
import { splitUrl, toWebRequest } from '../../handlers/azure/http-conversion';
import { createApp } from '../../handlers/core/app';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';

const ORIGIN = 'https://notes-app.azurewebsites.net';

describe('splitUrl', () => {
  it("equals new URL(url)'s origin, pathname and search for any URL as Request serialises it", () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https'] }),
        (raw) => {
          const url = new Request(raw).url;
          const parsed = new URL(url);
          expect(splitUrl(url)).toEqual({ origin: parsed.origin, pathname: parsed.pathname, search: parsed.search });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('handles IPv6 hosts, ports, escapes, an empty path and "?" or "#" first (Request refuses user info)', () => {
    for (const raw of [
      'https://h.example:8443/api/x%2F..?q=/a#/b',
      'http://[::1]:7071/api/notes/%E2%82%AC',
      'https://h.example',
      'https://h.example?x=1',
      'https://h.example#frag?not-a-query',
      'https://h.example/api/a#b?c',
    ]) {
      const url = new Request(raw).url;
      const parsed = new URL(url);
      expect([raw, splitUrl(url)]).toEqual([
        raw,
        { origin: parsed.origin, pathname: parsed.pathname, search: parsed.search },
      ]);
    }
  });
});

describe('toWebRequest', () => {
  it('hands the body over unread and leaves GET and HEAD without one', async () => {
    const post = new HttpRequest({
      method: 'post',
      url: `${ORIGIN}/api/x`,
      headers: { 'x-a': '1' },
      body: { bytes: Uint8Array.from([1, 2, 3]) },
    });
    const request = toWebRequest(post);
    expect(request.method).toBe('POST');
    expect(request.headers.get('x-a')).toBe('1');
    expect(post.bodyUsed).toBe(false);
    expect([...new Uint8Array(await request.arrayBuffer())]).toEqual([1, 2, 3]);
    for (const method of ['GET', 'HEAD'])
      expect(toWebRequest(new HttpRequest({ method, url: `${ORIGIN}/api/x` })).body).toBeNull();
  });

  it('answers an empty body exactly as no body at all (the app reads either as empty)', async () => {
    const handler = createApiHandler(
      () =>
        createApp({
          auth: noSignIn(),
          notes: new MemoryNoteStore(),
          activity: new MemoryActivityStore(),
          servedBy: 'azure',
        }),
      () => 'azure',
    );
    const answer = async (body?: { bytes: Uint8Array }) => {
      const init = await handler(
        new HttpRequest({
          method: 'POST',
          url: `${ORIGIN}/api/notes`,
          headers: { 'content-type': 'application/json' },
          ...(body ? { body } : {}),
        }),
        new InvocationContext(),
      );
      return { status: init.status, body: Buffer.from(init.body as Uint8Array).toString('utf8') };
    };
    const none = await answer();
    expect(none.status).toBe(400);
    expect(await answer({ bytes: new Uint8Array(0) })).toEqual(none);
  });
});
