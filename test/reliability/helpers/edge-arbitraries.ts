import fc from 'fast-check';
import type { RawRequest } from './raw-request';
import { refusedIfMatch, wrongMethod } from './request-arbitraries';

// The odd requests of docs/ARCHITECTURE.md ("Odd requests") as generators: Host values, encodings of
// the path's separators, duplicated and empty headers. Reads may succeed (the same answer on both
// clouds); every write here is refused, so the store stays as seeded. `{seedN}` is seeded note N.

const printable = fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)));

/** Hosts with a path, a fragment, a query, an IPv6 or bad bracket, user info, or any printable junk. */
export const hostValue = fc.oneof(
  fc.constantFrom(
    '127.0.0.1/api/notes/{seed1}#',
    '127.0.0.1/api/notes/{seed2}?x=',
    'evil.example',
    '[not a host',
    '[::1]:80',
    'user@evil.example',
    'x:99999',
    'a b',
    '',
    '/',
    '..',
    '%2F',
    'localhost:1/api/hello#',
  ),
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9.-]{0,20}$/),
      fc.constantFrom('', ':1', ':0'),
      fc.constantFrom('', '/api/notes/{seed1}#', '/api/notes/{seed2}?', '#', '?', '/..', '@x'),
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: printable, maxLength: 40 }),
);

/** Reads that succeed, and writes the contract refuses: what a Host value must not change. */
const hostProbe: fc.Arbitrary<RawRequest> = fc.oneof(
  fc.constantFrom(
    { method: 'GET', path: '/api/notes/{seed0}' },
    { method: 'HEAD', path: '/api/notes/{seed1}' },
    { method: 'GET', path: '/api/notes?limit=2' },
    { method: 'GET', path: '/api/hello?name=host' },
    { method: 'DELETE', path: '/api/notes/{seed0}', headers: { 'if-match': '"7"' } },
  ),
  refusedIfMatch,
  wrongMethod,
);

export const withHost: fc.Arbitrary<RawRequest> = fc
  .tuple(hostProbe, hostValue)
  .map(([request, host]) => ({ ...request, headers: { ...request.headers, host } }));

const separator = fc.constantFrom('/', '%2F', '%2f');
const NOTE = Buffer.from('{"title":"must not be stored","body":""}');

/**
 * A seeded note's path with its separators after /api sent as "/" or "%2F" (API Gateway hands the
 * Lambda %2F decoded, so it is a separator on both clouds), after a leading "//" or in absolute form,
 * or not. Not "/api%2F…": the Functions host matches its route prefix before any function runs and
 * keeps %2F encoded, a difference docs/ARCHITECTURE.md writes down.
 */
export const encodedSeparators: fc.Arbitrary<RawRequest> = fc
  .tuple(
    fc.constantFrom('GET', 'HEAD'),
    fc.constantFrom('', '/', 'http://evil.example', 'HTTP://127.0.0.1:1'),
    separator,
    fc.constantFrom('{seed0}', '{seed1}', '{seed2}'),
    fc.constantFrom('', '/', '%2F', '/activity', '%2Factivity', '%2F..%2F{seed0}', '/%2e%2e/{seed1}'),
  )
  .map(([method, prefix, sep, seed, tail]) => ({ method, path: `${prefix}/api/notes${sep}${seed}${tail}` }));

/** A write with encoded separators that the contract refuses (stale or malformed If-Match): the note stays. */
export const encodedSeparatorWrite: fc.Arbitrary<RawRequest> = fc
  .tuple(separator, fc.constantFrom(0, 1, 2), fc.constantFrom('"9"', 'nope', ''), fc.constantFrom('PUT', 'DELETE'))
  .map(([sep, seed, tag, method]) => ({
    method,
    path: `/api/notes${sep}{seed${seed}}`,
    headers:
      method === 'PUT'
        ? { 'content-type': 'application/json', 'if-match': tag }
        : ({ 'if-match': tag } as Record<string, string>),
    body: method === 'PUT' ? NOTE : undefined,
  }));

const someXHeader = fc.tuple(
  fc.stringMatching(/^x-[a-z]{1,8}$/),
  fc.array(fc.stringMatching(/^[ -~]{0,20}$/), { minLength: 2, maxLength: 3 }),
);

/**
 * Duplicated or empty headers the app reads: Content-Type twice on a create (415: never one media
 * type), If-Match twice or empty on an update or delete (400: malformed), plus any duplicated header
 * the app does not read. API Gateway joins repeats with ",", the Functions host with ", ".
 */
export const duplicatedHeaders: fc.Arbitrary<RawRequest> = fc
  .tuple(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
          fc.constantFrom('application/json', 'application/xml'),
        )
        .map(
          ([a, b]): RawRequest => ({
            method: 'POST',
            path: '/api/notes',
            headers: { 'content-type': [a, b] },
            body: NOTE,
          }),
        ),
      fc
        .tuple(
          fc.constantFrom('PUT', 'DELETE'),
          fc.constantFrom(0, 1, 2),
          fc.constantFrom<string[]>(['*', '*'], ['"1"', '"1"'], ['"1"', '"2"'], ['2', '*'], [''], ['', '']),
        )
        .map(
          ([method, seed, tags]): RawRequest => ({
            method,
            path: `/api/notes/{seed${seed}}`,
            headers: method === 'PUT' ? { 'content-type': 'application/json', 'if-match': tags } : { 'if-match': tags },
            body: method === 'PUT' ? NOTE : undefined,
          }),
        ),
    ),
    fc.option(someXHeader, { nil: undefined }),
  )
  .map(([request, extra]) => (extra ? { ...request, headers: { ...request.headers, [extra[0]]: extra[1] } } : request));
