import { BODY_TOO_LARGE } from '../../handlers/core/json-body';
import { createAwsApiServer } from '../../local/aws/api-server';
import { FRONT_DOOR_MAX_BODY_BYTES } from '../../local/read-body';
import { createAzureApiServer } from '../../local/azure/api-server';
import { withListening } from './helpers/listen';

// What the emulated front doors answer on their own, without the app.

describe('emulated API Gateway', () => {
  it("refuses a payload over API Gateway's limit with a 413 problem, logs the reason, and never invokes the Lambda", async () => {
    let invoked = false;
    const lines: Record<string, unknown>[] = [];
    const server = createAwsApiServer(
      async () => async () => {
        invoked = true;
        return { statusCode: 200 };
      },
      (line) => lines.push(line),
    );
    await withListening(server, async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/notes`, {
        method: 'POST',
        body: Buffer.alloc(FRONT_DOOR_MAX_BODY_BYTES + 1),
        headers: { 'content-type': 'application/json' },
      });
      expect([response.status, response.headers.get('content-type'), response.headers.get('x-served-by')]).toEqual([
        413,
        'application/problem+json',
        'local-aws',
      ]);
      expect(await response.json()).toEqual({
        type: 'about:blank',
        title: 'Content Too Large',
        status: 413,
        detail: BODY_TOO_LARGE,
      });
    });
    expect(invoked).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        cloud: 'local-aws',
        method: 'POST',
        route: '/api/notes',
        status: 413,
        reason: BODY_TOO_LARGE,
      }),
    ]);
  });

  it('answers 500 Internal Server Error when the Lambda throws, and logs it', async () => {
    const lines: Record<string, unknown>[] = [];
    const server = createAwsApiServer(
      async () => async () => {
        throw new Error('boom');
      },
      (line) => lines.push(line),
    );
    await withListening(server, async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/hello?x=1`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        cloud: 'local-aws',
        method: 'GET',
        route: '/api/hello',
        status: 500,
        durationMs: expect.any(Number),
        error: 'Error: boom',
      }),
    ]);
  });
});

describe('emulated Function App', () => {
  it('answers a path outside /api as the app answers an unknown path, without invoking the function, and logs it', async () => {
    let invoked = false;
    const lines: Record<string, unknown>[] = [];
    const server = createAzureApiServer(
      async () => async () => {
        invoked = true;
        return { status: 200 };
      },
      (line) => lines.push(line),
    );
    await withListening(server, async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/hello`);
      expect([response.status, response.headers.get('x-served-by')]).toEqual([404, 'local-azure']);
      expect(await response.json()).toMatchObject({ status: 404, detail: 'There is no route GET /hello.' });
    });
    expect(invoked).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({
        cloud: 'local-azure',
        method: 'GET',
        route: '/hello',
        status: 404,
        reason: 'There is no route GET /hello.',
      }),
    ]);
  });

  it('answers 500 when the function throws', async () => {
    const server = createAzureApiServer(
      async () => async () => {
        throw new Error('boom');
      },
      () => {},
    );
    await withListening(server, async (port) => {
      expect((await fetch(`http://127.0.0.1:${port}/api/hello`)).status).toBe(500);
    });
  });
});
