// The owner string: one (issuer, subject) pair each, never two for one string, safe as a key on both clouds.
import fc from 'fast-check';
import { ANONYMOUS_OWNER, ownerOf, ownerParts, subjectProblem } from '../../handlers/core/auth/owner';

const wellFormed = fc.string({ unit: 'grapheme', minLength: 1 });
const tricky = fc.oneof(wellFormed, fc.constantFrom('|', '%7C', 'a|b', '%', '/', '#?\\', ' ', 'https://x|y'));

test('issuer + subject round-trip, so two different pairs never give the same owner', () => {
  fc.assert(
    fc.property(tricky, tricky, (issuer, subject) => {
      expect(ownerParts(ownerOf(issuer, subject))).toEqual({ issuer, subject });
    }),
  );
  fc.assert(
    fc.property(tricky, tricky, tricky, tricky, (i1, s1, i2, s2) => {
      fc.pre(i1 !== i2 || s1 !== s2);
      expect(ownerOf(i1, s1)).not.toBe(ownerOf(i2, s2));
    }),
  );
});

test('the separator cannot be smuggled in through the issuer or the subject', () => {
  expect(ownerOf('https://a|b', 'c')).not.toBe(ownerOf('https://a', 'b|c'));
  expect(ownerOf('https://a', 'b|c').split('|')).toHaveLength(2);
});

test('an owner is ASCII without the characters Cosmos DB refuses in ids', () => {
  fc.assert(
    fc.property(tricky, tricky, (issuer, subject) => {
      expect(ownerOf(issuer, subject)).toMatch(/^[\x21-\x7E]+$/);
      expect(ownerOf(issuer, subject)).not.toMatch(/[/\\?#]/);
    }),
  );
});

test('the anonymous owner is no signed-in owner', () => {
  expect(ownerParts(ANONYMOUS_OWNER)).toBeUndefined();
  expect(ANONYMOUS_OWNER).not.toContain('|');
});

test('subjects an owner cannot be made from', () => {
  expect(subjectProblem('alice')).toBeUndefined();
  expect(subjectProblem('')).toMatch(/no subject/);
  expect(subjectProblem(42)).toMatch(/no subject/);
  expect(subjectProblem('x'.repeat(256))).toMatch(/longer than 255/);
  expect(subjectProblem('\udc00')).toMatch(/not well-formed/);
  expect(subjectProblem('😀')).toBeUndefined();
});
