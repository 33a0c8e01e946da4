import { isNoteId, newNoteId } from '../../handlers/core/ids';

describe('newNoteId', () => {
  it('makes lower-case UUIDv7 ids with the RFC 9562 variant', () => {
    const id = newNoteId();
    expect(isNoteId(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('puts the millisecond timestamp in the first 48 bits', () => {
    const ms = Date.UTC(2031, 4, 6, 7, 8, 9, 123);
    const id = newNoteId(ms);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  });

  it('keeps ids strictly increasing within one millisecond and when the clock goes back', () => {
    const ms = Date.UTC(2032, 0, 1);
    const ids = [newNoteId(ms), ...Array.from({ length: 5000 }, () => newNoteId(ms)), newNoteId(ms - 10_000)];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('isNoteId', () => {
  it.each([
    '',
    'not-a-uuid',
    '0192F3A4-5B6C-7D8E-9F01-23456789ABCD', // upper case is not how this API spells ids
    '0192f3a4-5b6c-7d8e-9f01-23456789abc', // one digit short
    '0192f3a45b6c7d8e9f0123456789abcd', // no dashes
    '0192f3a4-5b6c-7d8e-9f01-23456789abcd ',
  ])('rejects %j', (s) => {
    expect(isNoteId(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isNoteId(42)).toBe(false);
    expect(isNoteId(undefined)).toBe(false);
  });

  it('accepts a lower-case UUID', () => {
    expect(isNoteId('0192f3a4-5b6c-7d8e-9f01-23456789abcd')).toBe(true);
  });
});
