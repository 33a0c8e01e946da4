// The checks both cloud adapters make before building a fetch Request (handlers/core/request-precheck.ts).
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { createApp } from '../../handlers/core/app';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import { decodePathLeniently, hasDotSegment } from '../../handlers/core/path-decoding';
import { allowedMethods, precheckRequest, type RequestHead } from '../../handlers/core/request-precheck';

const routes = createApp({
  auth: noSignIn(),
  notes: new MemoryNoteStore(),
  activity: new MemoryActivityStore(),
  servedBy: 'aws',
}).routes;
const target = { servedBy: 'local-azure' as const, routes };
const head = (change: Partial<RequestHead>): RequestHead => ({
  method: 'GET',
  decodedPath: '/api/hello',
  headers: [],
  ...change,
});

async function problemOf(response: Response | undefined) {
  expect(response).toBeDefined();
  expect(response!.headers.get('content-type')).toBe('application/problem+json');
  expect(response!.headers.get('x-served-by')).toBe('local-azure');
  return (await response!.json()) as { status: number; detail: string };
}

describe('decodePathLeniently', () => {
  it('decodes every escape, %2F included', () => {
    expect(decodePathLeniently('/api/x%2F..%2Fy%20%C3%A9')).toBe('/api/x/../y é');
  });

  it('keeps a malformed escape as sent and decodes the rest, instead of throwing', () => {
    expect(decodePathLeniently('/api/x%')).toBe('/api/x%');
    expect(decodePathLeniently('/api/notes/%E0%A4%A')).toBe('/api/notes/%E0%A4%A');
    // Run by run, like the 404 detail's path: a run with a bad escape stays whole.
    expect(decodePathLeniently('/api/%zz%41/%41%FF')).toBe('/api/%zzA/%41%FF');
  });
});

describe('hasDotSegment', () => {
  it.each(['/api/hello/x/../hello', '/api/./x', '/api/x/..', '/..'])('%s has one', (path) =>
    expect(hasDotSegment(path)).toBe(true),
  );
  it.each(['/api/x..', '/api/.x', '/api/...', '/api/x%2e%2e'])('%s has none', (path) =>
    expect(hasDotSegment(path)).toBe(false),
  );
});

describe('precheckRequest', () => {
  it('lets an ordinary request through', () => {
    expect(
      precheckRequest(
        head({
          headers: [
            ['content-type', 'application/json'],
            ['x-tab', 'a\tb'],
          ],
        }),
        target,
      ),
    ).toBeUndefined();
  });

  it.each(['TRACE', 'TRACK', 'CONNECT', 'trace'])("answers %s with 405 and the route's Allow", async (method) => {
    const response = precheckRequest(head({ method, decodedPath: '/api/notes' }), target);
    expect(response!.status).toBe(405);
    expect(response!.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await problemOf(response)).toMatchObject({
      status: 405,
      detail: `${method.toUpperCase()} is not allowed here; use GET, HEAD, POST.`,
    });
  });

  it('gives an empty Allow for TRACE on a path with no route', async () => {
    const response = precheckRequest(head({ method: 'TRACE', decodedPath: '/api/x' }), target);
    expect(response!.headers.get('allow')).toBe('');
    expect(await problemOf(response)).toMatchObject({ status: 405, detail: 'TRACE is not allowed here.' });
  });

  it('answers a dot segment with 404 rather than letting URL parsing resolve it onto another route', async () => {
    const response = precheckRequest(head({ method: 'DELETE', decodedPath: '/api/notes/x/../0190' }), target);
    expect(await problemOf(response)).toEqual(
      expect.objectContaining({
        status: 404,
        detail: 'There is no route DELETE /api/notes/x/../0190: "." and ".." path segments are not resolved.',
      }),
    );
  });

  it.each([
    ['content-type', 'application/jsoné'],
    ['content-type', 'application/json; x=é'],
    ['X-Custom', 'snowman ☃'],
    ['if-match', '"1"\u007f'],
  ])('answers a %s value that is not ASCII (%j) with 400 naming the header', async (name, value) => {
    const response = precheckRequest(
      head({
        method: 'POST',
        decodedPath: '/api/notes',
        headers: [
          ['accept', '*/*'],
          [name, value],
        ],
      }),
      target,
    );
    expect(await problemOf(response)).toMatchObject({
      status: 400,
      detail: expect.stringContaining(`The ${name.toLowerCase()} header`),
    });
  });

  // fetch's Headers and Request throw on these: without the pre-check, a Lambda invoked with one fails.
  it.each(['x y', 'x:y', 'é', ''])(
    'answers a header name that is not a token (%j) with 400 naming it',
    async (name) => {
      const response = precheckRequest(head({ headers: [[name, 'v']] }), target);
      expect(await problemOf(response)).toMatchObject({
        status: 400,
        detail: `The header name "${name}" is not a token (RFC 9110 §5.1).`,
      });
    },
  );

  it.each(['GE T', 'GET\n', ''])('answers a method that is not a token (%j) with 400', async (method) => {
    const response = precheckRequest(head({ method }), target);
    expect(await problemOf(response)).toMatchObject({ status: 400, detail: expect.stringContaining('is not a token') });
  });

  it('lets token names and methods of any case through', () => {
    expect(
      precheckRequest(head({ method: 'patch', headers: [["X-Odd_Name!#$%&'*+.^`|~", 'v']] }), target),
    ).toBeUndefined();
  });
});

describe('allowedMethods', () => {
  it("lists a note's methods as hono's method-not-allowed middleware does", () => {
    expect(allowedMethods(routes, '/api/notes/0190').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PUT']);
    expect(allowedMethods(undefined, '/api/notes')).toEqual([]);
  });
});
