import { noSignIn } from '../../handlers/core/auth/authenticator';
import { request } from 'node:http';
import { HttpResponse, type HttpResponseInit, InvocationContext } from '@azure/functions';
import type { HttpRequest } from '@azure/functions';
import { createApiHandler } from '../../handlers/azure/api';
import { createApp } from '../../handlers/core/app';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
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
        await fetch(`${baseUrl}/api/notes/abc?limit=2&x=1&x=2`, {
          method: 'POST',
          body: '{"a":1}',
          headers: { 'content-type': 'application/json', 'x-custom': 'v' },
        });
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

  it('writes a plain HttpResponseInit exactly as the HttpResponse built from it', async () => {
    const inits: HttpResponseInit[] = [
      { body: 'text, no type' },
      { status: 201, headers: { 'Content-Type': 'application/json', 'X-Trim': '  padded  ' }, body: '{"a":1}' },
      {
        status: 200,
        headers: [
          ['x-dup', 'a'],
          ['X-Dup', 'b'],
          ['set-cookie', 'h=1'],
        ],
        body: new Uint8Array([0, 255, 1]),
        cookies: [{ name: 'c', value: '2' }],
      },
      { status: 200, headers: new Headers({ 'x-h': 'v' }), body: Buffer.from('été').subarray(1) },
      { status: 204, body: 'dropped' },
      { status: 304, headers: { etag: '"1"' } },
      { status: 404 },
      {},
    ];
    const seen = async (result: HttpResponseInit | HttpResponse) => {
      let response: Response | undefined;
      await withServer(
        async (_req, res) => {
          await writeFunctionResponse(res, result);
        },
        async (baseUrl) => {
          response = await fetch(baseUrl);
        },
      );
      const headers: [string, string][] = [];
      response!.headers.forEach((value, name) => {
        if (name !== 'date') headers.push([name, value]);
      });
      // Never chunked: Content-Length for every response with a body, as the Functions host sends.
      expect(response!.headers.get('transfer-encoding')).toBeNull();
      return { status: response!.status, headers, body: [...new Uint8Array(await response!.arrayBuffer())] };
    };
    for (const init of inits) {
      const fast = await seen(init);
      expect(fast).toEqual(await seen(new HttpResponse(init)));
    }
  });

  it('fails an init fetch would refuse, writing nothing', async () => {
    const refused: HttpResponseInit[] = [
      { status: 200, headers: { 'bad name': 'x' } },
      { status: 200, headers: { 'x-bad': 'a\nb' } },
      { status: 99 },
    ];
    for (const init of refused) {
      let status = 0;
      await withServer(
        async (_req, res) => {
          await expect(writeFunctionResponse(res, init)).rejects.toThrow();
          expect(res.headersSent).toBe(false);
          res.end();
        },
        async (baseUrl) => {
          status = (await fetch(baseUrl)).status;
        },
      );
      expect(status).toBe(200);
    }
  });

  it('serialises every cookie attribute', () => {
    expect(
      serializeCookie({ name: 'a', value: 'b', domain: 'example.com', expires: 0, maxAge: 10, secure: true }),
    ).toBe('a=b; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=10; Secure');
  });
});

describe('what fuzzing over HTTP found (test/reliability)', () => {
  /** node:http rather than fetch, which refuses TRACE and would normalise the path. */
  function sendRaw(baseUrl: string, method: string, path: string): Promise<void> {
    const url = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method, path }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  }

  async function httpRequestFor(method: string, path: string) {
    let built: { request?: HttpRequest; error?: unknown } = {};
    await withServer(
      async (req, res) => {
        try {
          built = { request: toHttpRequest(req, await readBody(req), 'http://localhost:3002') };
        } catch (error) {
          built = { error };
        }
        res.end();
      },
      (baseUrl) => sendRaw(baseUrl, method, path),
    );
    return built;
  }

  it.each(['/api/x%', '/api/notes/%E0%A4%A'])(
    'passes a malformed escape through in {*path} instead of failing (%s)',
    async (path) => {
      const { request: built, error } = await httpRequestFor('GET', path);
      expect(error).toBeUndefined();
      expect(built!.params.path).toBe(path.slice('/api/'.length));
    },
  );

  // TRACE only: Node's HTTP parser refuses TRACK before any emulator sees it.
  it.each(['TRACE'])('hands a %s request to the function, which refuses it as on AWS', async (method) => {
    const { request: built, error } = await httpRequestFor(method, '/api/notes');
    expect(error).toBeUndefined();
    expect(built!.method).toBe(method);
    expect(new URL(built!.url).pathname).toBe('/api/notes');
    const app = createApp({
      auth: noSignIn(),
      notes: new MemoryNoteStore(),
      activity: new MemoryActivityStore(),
      servedBy: 'local-azure',
    });
    const init = await createApiHandler(
      () => app,
      () => 'local-azure',
    )(built!, new InvocationContext());
    const response = new HttpResponse(init);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(response.headers.get('x-served-by')).toBe('local-azure');
    expect(await response.json()).toMatchObject({
      status: 405,
      detail: `${method} is not allowed here; use GET, HEAD, POST.`,
    });
  });
});
