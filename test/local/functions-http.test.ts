import { HttpResponse } from '@azure/functions';
import type { HttpRequest } from '@azure/functions';
import { serializeCookie } from '../../local/azure/functions-cookie';
import { toHttpRequest, writeFunctionResponse } from '../../local/azure/functions-http';
import { readBody } from '../../local/read-body';
import { withServer } from './helpers/capture-server';

describe('Functions HTTP trigger emulation', () => {
  it('turns a request under /api into an HttpRequest with the {*path} route parameter', async () => {
    let request: HttpRequest | undefined;
    let body = '';
    await withServer(
      async (req, res) => {
        request = toHttpRequest(req, await readBody(req), 'http://localhost:3002');
        body = request ? await request.text() : '';
        res.end();
      },
      async (baseUrl) => {
        await fetch(`${baseUrl}/api/notes/abc?limit=2&x=1&x=2`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', 'x-custom': 'v' } });
      },
    );
    expect(request!.method).toBe('POST');
    expect(request!.params).toEqual({ path: 'notes/abc' });
    expect(request!.query.get('limit')).toBe('2');
    expect(request!.headers.get('x-custom')).toBe('v');
    expect(new URL(request!.url).pathname).toBe('/api/notes/abc');
    expect(body).toBe('{"a":1}');
  });

  it('has no function for a path outside the /api route prefix', async () => {
    let request: HttpRequest | undefined | 'unset' = 'unset';
    await withServer(
      async (req, res) => {
        request = toHttpRequest(req, await readBody(req), 'http://localhost:3002');
        res.end();
      },
      async (baseUrl) => {
        await fetch(`${baseUrl}/apinotes`);
      },
    );
    expect(request).toBeUndefined();
  });

  it('writes an HttpResponseInit: status, headers, bytes and cookies as Set-Cookie', async () => {
    let response: Response | undefined;
    await withServer(
      async (_req, res) => {
        await writeFunctionResponse(res, {
          status: 201,
          headers: [['x-one', 'a']],
          body: new Uint8Array([104, 105]),
          cookies: [{ name: 's', value: '1', path: '/', httpOnly: true, sameSite: 'Lax' }],
        });
      },
      async (baseUrl) => {
        response = await fetch(baseUrl);
      },
    );
    expect(response!.status).toBe(201);
    expect(response!.headers.get('x-one')).toBe('a');
    expect(response!.headers.getSetCookie()).toEqual(['s=1; Path=/; HttpOnly; SameSite=Lax']);
    expect(await response!.text()).toBe('hi');
  });

  it('writes an HttpResponse with a JSON body', async () => {
    let response: Response | undefined;
    await withServer(
      async (_req, res) => {
        await writeFunctionResponse(res, new HttpResponse({ status: 200, jsonBody: { ok: true } }));
      },
      async (baseUrl) => {
        response = await fetch(baseUrl);
      },
    );
    expect(response!.headers.get('content-type')).toBe('application/json');
    expect(await response!.json()).toEqual({ ok: true });
  });

  it('serialises every cookie attribute', () => {
    expect(serializeCookie({ name: 'a', value: 'b', domain: 'example.com', expires: 0, maxAge: 10, secure: true })).toBe(
      'a=b; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=10; Secure',
    );
  });
});
