// What a front door takes from the request line and Host (local/request-target.ts), without a server.
import type { IncomingMessage } from 'node:http';
import { originFormOf, requestLineRefusal } from '../../local/request-target';

const head = (url: string, rawHeaders: string[], httpVersion = '1.1') =>
  ({ url, rawHeaders, httpVersion }) as unknown as IncomingMessage; // only what it reads

describe('originFormOf', () => {
  it.each([
    ['/api/notes?x=1', '/api/notes?x=1'],
    ['//evil.example/api/notes', '//evil.example/api/notes'],
    ['http://evil.example/api/notes?x=1', '/api/notes?x=1'],
    ['HTTPS://evil.example:1', '/'],
    ['http://evil.example?x', '/?x'],
  ])('%s → %s', (target, expected) => expect(originFormOf(target)).toBe(expected));

  it.each(['*', 'evil.example:443', 'ftp://x/api', 'api/notes', ''])('%j has no path', (target) =>
    expect(originFormOf(target)).toBeUndefined(),
  );
});

describe('requestLineRefusal', () => {
  it.each([['localhost:3001'], ['127.0.0.1'], ['[::1]:80'], ['evil.example'], [''], ['x:99999']])(
    'lets Host %j through (it routes nothing)',
    (host) => expect(requestLineRefusal(head('/api/hello', ['Host', host]))).toBeUndefined(),
  );

  it.each(['127.0.0.1/api/notes/x#', 'a b', '[not a host', 'user@evil.example', 'x:1a', 'é'])(
    'refuses Host %j with 400',
    (host) => {
      expect(requestLineRefusal(head('/api/hello', ['Host', host]))).toEqual({
        status: 400,
        detail: expect.stringContaining('is not a host and port'),
      });
    },
  );

  it('refuses two Host lines, and a missing Host on HTTP/1.1 only', () => {
    expect(requestLineRefusal(head('/', ['Host', 'a', 'host', 'a']))).toEqual({
      status: 400,
      detail: 'The request has more than one Host header.',
    });
    expect(requestLineRefusal(head('/', []))).toEqual({
      status: 400,
      detail: 'An HTTP/1.1 request must have a Host header.',
    });
    expect(requestLineRefusal(head('/', [], '1.0'))).toBeUndefined();
  });

  it('refuses a target with no path before looking at Host', () => {
    expect(requestLineRefusal(head('*', []))?.detail).toBe(
      'The request target must be a path such as /api/notes or an absolute http(s) URL, not "*".',
    );
  });
});
