// LiteHeaders against Node's Headers: the same operations, the same observable results (or both throw).
import { LiteHeaders } from '../../../handlers/core/lite-fetch/headers';
import { all, outcomeOf } from './outcome';

type AnyHeaders = Headers | LiteHeaders;
const iterable = (headers: AnyHeaders) =>
  headers as unknown as { keys(): Iterable<string>; values(): Iterable<string>; entries(): Iterable<[string, string]> };
type Script = (h: AnyHeaders) => unknown;

/** What a script leaves behind: its result or error class, then every entry in iteration order. */
const outcome = (make: () => AnyHeaders, script: Script) =>
  outcomeOf(make, script, (headers) => {
    const seen: [string, string][] = [];
    headers.forEach((value, name) => {
      seen.push([name, value]);
    });
    return { entries: all(headers), seen, setCookie: headers.getSetCookie() };
  });

const scripts: [string, unknown, Script][] = [
  ['nothing', undefined, () => undefined],
  ['a record, names of any case', { 'X-B': '2', 'x-a': ' 1 ' }, (h) => h.get('X-A')],
  [
    'pairs with a repeat',
    [
      ['a', '1'],
      ['A', '2'],
      ['b', '3'],
    ],
    (h) => h.get('a'),
  ],
  [
    'another Headers',
    new Headers([
      ['z', '1'],
      ['y', '2'],
    ]),
    (h) => [...iterable(h).keys()],
  ],
  [
    'cookies kept apart',
    [
      ['set-cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['x', '1'],
    ],
    (h) => h.get('set-cookie'),
  ],
  [
    'append then set then delete',
    undefined,
    (h) => {
      h.append('x', '1');
      h.append('x', '2');
      const joined = h.get('x');
      h.set('X', '3');
      h.delete('y');
      return [joined, h.get('x'), h.has('X'), h.has('y')];
    },
  ],
  [
    'values trimmed of HTTP whitespace only',
    undefined,
    (h) => {
      h.set('x', '\t a b \r\n');
      h.set('y', '\u00a0c\u00a0');
      return [h.get('x'), h.get('y')];
    },
  ],
  ['an empty value', [['if-match', '']], (h) => [h.get('if-match'), h.has('if-match')]],
  ['a missing name', undefined, (h) => h.get('nope')],
  ['an invalid name', undefined, (h) => h.append('x y', '1')],
  ['an invalid name in get', undefined, (h) => h.get('é')],
  ['a value with a newline', undefined, (h) => h.set('x', 'a\nb')],
  ['a value with NUL', undefined, (h) => h.set('x', 'a\0b')],
  ['a value above U+00FF', undefined, (h) => h.set('x', 'snow ☃')],
  [
    'a Latin-1 value',
    undefined,
    (h) => {
      h.set('x', 'café');
      return h.get('x');
    },
  ],
  ['a bad pair', [['a']], () => undefined],
  [
    'values(), entries()',
    [
      ['b', '2'],
      ['a', '1'],
    ],
    (h) => [[...iterable(h).values()], [...iterable(h).entries()]],
  ],
];

describe('LiteHeaders answers as Node Headers do', () => {
  it.each(scripts)('%s', async (_name, init, script) => {
    const node = await outcome(() => new Headers(init as HeadersInit), script);
    const lite = await outcome(() => new LiteHeaders(init as never), script);
    expect(lite).toEqual(node);
  });

  it('negative control: the comparison sees a difference', async () => {
    const node = await outcome(
      () => new Headers(),
      (h) => h.set('x', '1'),
    );
    const lite = await outcome(
      () => new LiteHeaders(),
      (h) => h.set('x', '2'),
    );
    expect(lite).not.toEqual(node);
  });

  it('is accepted by Node Headers and fetch as an init', () => {
    const lite = new LiteHeaders([
      ['b', '2'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'c=3'],
    ]);
    const node = new Headers(lite as unknown as HeadersInit);
    expect(all(node)).toEqual(all(lite));
    expect(String(lite)).toBe('[object Headers]');
  });
});
