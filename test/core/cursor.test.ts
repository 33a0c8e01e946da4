import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../handlers/core/cursor';
import { InvalidCursorError } from '../../handlers/core/ports';

describe('cursor', () => {
  it('round-trips any JSON value through a base64url string', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const cursor = encodeCursor(value);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['empty', ''],
    ['padding', `${encodeCursor({ a: 1 })}=`],
    ['standard base64 characters', 'ab+/'],
    ['spaces', 'eyJ hIjoxfQ'],
    ['base64url of non-JSON', Buffer.from('{"a":').toString('base64url')],
    ['base64url of invalid UTF-8', Buffer.from([0x22, 0xff, 0x22]).toString('base64url')],
    ['non-canonical trailing bits', 'eyJhIjoxfR'],
  ])('rejects %s with InvalidCursorError', (_label, s) => {
    expect(() => decodeCursor(s)).toThrow(InvalidCursorError);
  });

  it('refuses to encode a value that is not JSON', () => {
    expect(() => encodeCursor(undefined)).toThrow(TypeError);
  });
});
