import { METHODS } from 'node:http';
import fc from 'fast-check';

// Requests the contract refuses, and only those: each family below is built so that no member can be
// a valid request (every answer must be a 4xx). `{seedN}` in a path stands for the id of seeded note N
// on the cloud being asked.

/** Methods the fetch API refuses to build a Request with; each front door must still answer them. */
export const FETCH_FORBIDDEN = ['TRACE', 'TRACK'];

/**
 * Every other method Node's HTTP parser accepts (CONNECT, a tunnel to Node's client, is sent over a raw
 * socket in test/local/odd-requests.e2e.test.ts). The fetch-forbidden ones have their own property (TRACK
 * too, which Node's parser does not know), so one bug there does not hide others.
 */
export const anyMethod = fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT' && !FETCH_FORBIDDEN.includes(m)));

/** A fetch-forbidden method on any route or an unknown path. */
export const fetchForbiddenMethod = fc
  .tuple(
    fc.constantFrom(...FETCH_FORBIDDEN),
    fc.constantFrom(
      '/api/hello',
      '/api/health',
      '/api/notes',
      '/api/notes/{seed0}',
      '/api/notes/{seed1}/activity',
      '/api/x',
    ),
  )
  .map(([method, path]) => ({ method, path }));

const ROUTE_METHODS: [string, readonly string[]][] = [
  ['/api/hello', ['GET', 'HEAD']],
  ['/api/health', ['GET', 'HEAD']],
  ['/api/notes', ['GET', 'HEAD', 'POST']],
  ['/api/notes/{seed0}', ['GET', 'HEAD', 'PUT', 'DELETE']],
  ['/api/notes/{seed1}/activity', ['GET', 'HEAD']],
];

/** A known route with a method it does not allow: 405. */
export const wrongMethod = fc
  .tuple(fc.constantFrom(...ROUTE_METHODS), anyMethod)
  .filter(([[, allowed], method]) => !allowed.includes(method))
  .map(([[path], method]) => ({ method, path }));

const pchars = fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,40}$/);

/** A path segment that is no route name, no dot segment and no UUID: it starts with a literal "x". */
export const junkSegment = fc.oneof(
  pchars.map((s) => `x${s}`),
  fc.integer({ min: 1_000, max: 3_000 }).map((n) => `x${'y'.repeat(n)}`),
);

/** Dot segments that resolve inside /api (outside it, the Functions host answers before the app). */
const dotted = fc
  .tuple(
    fc.array(junkSegment, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('./', '../', '%2e/', '%2E%2E/', '.%2e/'),
    junkSegment,
  )
  .map(([segments, dots, last]) => `${segments.join('/')}/${dots}${last}`);

/** Paths under /api that match no route, with any method. */
export const unknownPath = fc
  .tuple(
    anyMethod,
    fc.oneof(
      fc.array(junkSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
      dotted,
    ),
    fc.boolean(),
  )
  .map(([method, rest, trailingSlash]) => ({ method, path: `/api/${rest}${trailingSlash ? '/' : ''}` }));

/** Text of any Unicode, percent-encoded as a client would send it; the tokens are the tricky ones. */
const encodedText = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .map((text) => encodeURIComponent(text).replace(/%2F/g, '~')),
  fc
    .array(
      fc.constantFrom(
        '%3F',
        '%23',
        '%25',
        '%00',
        '%0A',
        '%09',
        '%20',
        '%5C',
        '%2e%2e',
        '%2E',
        '%C3%A9',
        '%F0%9F%92%A9',
        '%41',
        '%3B',
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((t) => t.join('')),
);

/** Junk segments with percent-encoded characters (but no encoded slash), alone or after a real route. */
export const encodedPath = fc
  .tuple(
    fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'POST'),
    fc.constantFrom('/api/', '/api/notes/', '/api/hello/x', '/api/notes/{seed0}/x'),
    encodedText,
    fc.option(junkSegment, { nil: undefined }),
  )
  .map(([method, prefix, text, tail]) => ({
    method,
    path: `${prefix}x${text}${tail === undefined ? '' : `/${tail}`}`,
  }));

/**
 * Encoded slashes, with and without encoded dot segments that would climb back onto a real route or
 * note if a layer resolved them. API Gateway decodes %2F in rawPath and the Functions host does not, so
 * the two clouds may see different routes: each must still refuse.
 */
export const encodedSlashPath = fc.oneof(
  fc.constantFrom(
    { method: 'GET', path: '/api/hello/x%2F..%2F..%2Fhello' },
    { method: 'GET', path: '/api/notes/x%2F..%2F{seed0}' },
    { method: 'DELETE', path: '/api/notes/x%2F..%2F{seed2}' },
    { method: 'GET', path: '/api/x%2F%2e%2e%2Fnotes' },
    { method: 'PUT', path: '/api/notes/{seed1}%2F..%2F{seed0}' },
  ),
  fc
    .tuple(
      fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'POST'),
      fc.constantFrom('/api/', '/api/notes/', '/api/notes/{seed0}/x'),
      fc.array(fc.constantFrom('%2F', '%2f', 'x', '%2e', '%2E%2E', '.'), { minLength: 1, maxLength: 6 }),
      fc.option(junkSegment, { nil: undefined }),
    )
    .map(([method, prefix, tokens, tail]) => ({
      method,
      path: `${prefix}x${tokens.join('')}${tail === undefined ? '' : `/${tail}`}`,
    })),
);

/** Percent signs that do not start a valid escape, or escapes that are not UTF-8. */
export const malformedEscapePath = fc
  .tuple(
    fc.constantFrom('GET', 'HEAD', 'DELETE'),
    fc.constantFrom('/api/', '/api/notes/', '/api/notes/{seed0}/'),
    fc.constantFrom('%', '%z', '%zz', '%E0%A4%A', '%C3', '%FF', '%C0%AF', '%ED%A0%80', '%%41'),
    pchars,
  )
  .map(([method, prefix, escaped, tail]) => ({ method, path: `${prefix}x${escaped}${tail}` }));

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const uuidLike = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));

/** Ids that are not lower-case UUIDs (an upper-case one, one with a character too many or too few, junk). */
export const badNoteId = fc.oneof(
  uuidLike.map((u) => u.toUpperCase()).filter((u) => /[A-F]/.test(u)),
  fc.tuple(uuidLike, fc.constantFrom('0', 'g', '-', '~', '%20', '%C3%A9')).map(([u, extra]) => `${u}${extra}`),
  uuidLike.map((u) => u.slice(1)),
  uuidLike.map((u) => u.replace(/-/g, '')),
  junkSegment,
  // A real note's id with an encoded character after it: still not a note id.
  fc
    .tuple(
      fc.constantFrom('{seed0}', '{seed1}', '{seed2}'),
      fc.constantFrom('%20', '%09', '%0A', '%00', '%3F', '%23', '%3Fx=1', '%23x', '%C2%A0', '%25'),
    )
    .map(([seed, suffix]) => `${seed}${suffix}`),
);

/** A known note route with an id that cannot exist: 404 before any other check. */
export const badIdRequest = fc
  .tuple(fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE'), badNoteId, fc.boolean())
  .map(([method, id, activity]) => ({
    method: activity ? 'GET' : method,
    path: `/api/notes/${id}${activity ? '/activity' : ''}`,
  }));

const queryValue = fc.oneof(pchars, encodedText);

/** `limit` that is not an integer from 1 to 100. */
const badLimit = fc.oneof(
  fc.integer({ min: -1_000_000, max: 0 }).map(String),
  fc.integer({ min: 101, max: 1_000_000_000 }).map(String),
  fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.constantFrom('.5', 'e1', 'x', '%20', '.0', '+'))
    .map(([n, s]) => `${n}${s}`),
  fc.constantFrom('', 'abc', '%2B5', '-0', '0x10', 'NaN', 'Infinity', '1e2', '0001'),
);

/** `cursor` that no store issued: junk, or base64url of JSON that is not a key. */
const badCursor = fc.oneof(
  pchars.filter((s) => s.length > 0),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.integer({ min: 1_001, max: 3_000 }).map((n) => 'A'.repeat(n)),
);

const extraParams = fc
  .array(fc.tuple(fc.stringMatching(/^[a-z_]{1,8}$/), queryValue), { maxLength: 3 })
  .map((pairs) => pairs.filter(([name]) => name !== 'limit' && name !== 'cursor' && name !== 'name'));

/** Query strings the list and hello routes refuse: bad limit or cursor, a repeated parameter, a long name. */
export const badQuery = fc
  .tuple(
    fc.oneof(
      badLimit.map((v) => ['/api/notes', [['limit', v]]] as const),
      badCursor.map((v) => ['/api/notes', [['cursor', v]]] as const),
      fc.tuple(fc.constantFrom('limit', 'cursor'), queryValue, queryValue).map(
        ([n, a, b]) =>
          [
            '/api/notes',
            [
              [n, a],
              [n, b],
            ],
          ] as const,
      ),
      fc.tuple(queryValue, queryValue).map(
        ([a, b]) =>
          [
            '/api/hello',
            [
              ['name', a],
              ['name', b],
            ],
          ] as const,
      ),
      fc.integer({ min: 101, max: 3_000 }).map((n) => ['/api/hello', [['name', 'n'.repeat(n)]]] as const),
    ),
    extraParams,
    fc.constantFrom('GET', 'HEAD'),
  )
  .map(([[path, params], extra, method]) => ({
    method,
    path: `${path}?${[...params, ...extra].map(([k, v]) => `${k}=${v}`).join('&')}`,
  }));

/** A header of up to ~12 KB, within Node's 16 KiB limit for all headers together. */
export const hugeHeader = fc
  .tuple(
    fc.stringMatching(/^x-[a-z]{1,10}$/),
    fc.integer({ min: 1_000, max: 12_000 }),
    fc.constantFrom('a', 'é', '\t ', '"', ','),
  )
  .map(([name, length, unit]) => ({ [name]: unit.repeat(Math.ceil(length / unit.length)).slice(0, length) }));

/** If-Match values the contract calls malformed (it accepts "3", 3, W/"3" and *), the empty one included. */
export const malformedIfMatch = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...'"W/*, 0123456789abcxyz-+.eé\t'), minLength: 1, maxLength: 20 }),
    fc.constantFrom(
      '',
      ' ',
      '"0"',
      '0',
      'W/"0"',
      'w/"1"',
      '"1',
      '1"',
      "'1'",
      '"1", "2"',
      '**',
      '"-1"',
      '"1.0"',
      '"1e3"',
      '9'.repeat(16),
      `"${'9'.repeat(16)}"`,
      '" 1"',
      'W/ "1"',
    ),
  )
  .filter((value) => !/^(?:W\/)?"[1-9][0-9]{0,14}"$|^[1-9][0-9]{0,14}$|^\*$/.test(value.trim()));

/** Content types other than application/json (with charset utf-8, if any). */
export const wrongContentType = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    'application/json-patch+json',
    'json',
    '*/*',
    'application/*',
    'application/ json',
    'application/jsoné',
    'appl\u00ecation/json',
  ),
  fc
    .constantFrom('latin1', 'utf-16', 'UTF-16LE', 'iso-8859-1', 'ascii', 'utf-7', '"utf-32"', '')
    .map((charset) => `application/json; charset=${charset}`),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z.+-]{1,15}$/).filter((t) => t !== 'application/json'),
);

const versionTag = (version: number) => fc.constantFrom(`"${version}"`, String(version), `W/"${version}"`);

/** Seeded note 0 is at version 1 and note 1 at version 2: any other version is stale (412). */
const staleIfMatch = fc.oneof(
  fc
    .integer({ min: 2, max: 999_999 })
    .chain(versionTag)
    .map((tag) => ({ seed: 0, tag })),
  fc
    .oneof(fc.constant(1), fc.integer({ min: 3, max: 999_999 }))
    .chain(versionTag)
    .map((tag) => ({ seed: 1, tag })),
);

const NOTE_JSON = { 'content-type': 'application/json' };

/** Updates and deletes of seeded notes whose If-Match is missing (PUT: 428), malformed (400) or stale (412). */
export const refusedIfMatch = fc
  .oneof(
    fc
      .tuple(fc.constantFrom('PUT', 'DELETE'), fc.constantFrom(0, 1, 2), malformedIfMatch)
      .map(([method, seed, tag]) => ({ method, seed, headers: { 'if-match': tag } })),
    fc
      .tuple(fc.constantFrom('PUT', 'DELETE'), staleIfMatch)
      .map(([method, { seed, tag }]) => ({ method, seed, headers: { 'if-match': tag } })),
    fc.constantFrom(0, 1, 2).map((seed) => ({ method: 'PUT', seed, headers: {} as Record<string, string> })),
  )
  .map(({ method, seed, headers }) => ({
    method,
    path: `/api/notes/{seed${seed}}`,
    headers: method === 'PUT' ? { ...NOTE_JSON, ...headers } : headers,
    body: method === 'PUT' ? Buffer.from(JSON.stringify({ title: 'must not be stored', body: '' })) : undefined,
  }));
