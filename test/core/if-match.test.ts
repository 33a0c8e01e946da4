import { etagOf, parseIfMatch } from '../../handlers/core/if-match';

describe('parseIfMatch', () => {
  it.each([
    ['"3"', { kind: 'version', version: 3 }],
    ['3', { kind: 'version', version: 3 }],
    ['W/"3"', { kind: 'version', version: 3 }],
    ['  "42"  ', { kind: 'version', version: 42 }],
    ['*', { kind: 'any' }],
    [undefined, { kind: 'absent' }],
    [null, { kind: 'absent' }],
  ])('reads %j', (header, expected) => {
    expect(parseIfMatch(header)).toEqual(expected);
  });

  it.each(['', '"0"', '0', '-1', '"3', '3"', 'w/"3"', '"3", "4"', '"abc"', '1.5', '"1e3"', '9999999999999999'])(
    'calls %j malformed',
    (header) => {
      expect(parseIfMatch(header)).toEqual({ kind: 'malformed' });
    },
  );

  it('round-trips the ETag it issues', () => {
    expect(parseIfMatch(etagOf(17))).toEqual({ kind: 'version', version: 17 });
  });
});
