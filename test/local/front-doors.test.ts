import { createAwsApiServer } from '../../local/aws/api-server';
import { createAzureApiServer } from '../../local/azure/api-server';
import { withListening } from './helpers/listen';

// What the emulated front doors answer on their own, without the app.

describe('emulated API Gateway', () => {
  it('refuses a payload over 10 MB with 413 and never invokes the Lambda', async () => {
    let invoked = false;
    const server = createAwsApiServer(async () => async () => {
      invoked = true;
      return { statusCode: 200 };
    }, () => {});
    await withListening(server, async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/notes`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(413);
    });
    expect(invoked).toBe(false);
  });

  it('answers 500 Internal Server Error when the Lambda throws, and logs it', async () => {
    const lines: Record<string, unknown>[] = [];
    const server = createAwsApiServer(async () => async () => {
      throw new Error('boom');
    }, (line) => lines.push(line));
    await withListening(server, async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/hello?x=1`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    });
    expect(lines).toEqual([expect.objectContaining({ level: 'error', cloud: 'local-aws', method: 'GET', route: '/api/hello', status: 500, durationMs: expect.any(Number), error: 'Error: boom' })]);
  });
});

describe('emulated Function App', () => {
  it('answers 404 for a path outside /api without invoking the function, and logs it', async () => {
    let invoked = false;
    const lines: Record<string, unknown>[] = [];
    const server = createAzureApiServer(async () => async () => {
      invoked = true;
      return { status: 200 };
    }, (line) => lines.push(line));
    await withListening(server, async (port) => {
      expect((await fetch(`http://127.0.0.1:${port}/hello`)).status).toBe(404);
    });
    expect(invoked).toBe(false);
    expect(lines).toEqual([expect.objectContaining({ cloud: 'local-azure', method: 'GET', route: '/hello', status: 404 })]);
  });

  it('answers 500 when the function throws', async () => {
    const server = createAzureApiServer(async () => async () => {
      throw new Error('boom');
    }, () => {});
    await withListening(server, async (port) => {
      expect((await fetch(`http://127.0.0.1:${port}/api/hello`)).status).toBe(500);
    });
  });
});
