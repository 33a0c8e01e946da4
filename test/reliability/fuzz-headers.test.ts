import fc from 'fast-check';
import { validNoteBytes, withBody } from './helpers/body-arbitraries';
import { assertRefusedAlike } from './helpers/fuzz-runner';
import { fuzzOnBothClouds } from './helpers/fuzz-suite';
import { badQuery, hugeHeader, refusedIfMatch, wrongContentType, wrongMethod } from './helpers/request-arbitraries';
import type { RawRequest } from './helpers/raw-request';

// Headers the contract refuses (content types, If-Match) and huge headers, fuzzed over real HTTP on
// both emulated clouds: 4xx problems, the same on both clouds, and no note or activity changed.

const suite = fuzzOnBothClouds('fuzz-headers');

const withHugeHeader = (requests: fc.Arbitrary<RawRequest>) =>
  fc
    .tuple(requests, hugeHeader)
    .map(([request, header]) => ({ ...request, headers: { ...request.headers, ...header } }));

describe('refused headers on both clouds', () => {
  it('a valid note with a content type other than UTF-8 JSON is 415', () =>
    assertRefusedAlike(suite.clouds(), withBody(validNoteBytes, wrongContentType), 60, suite.counter));
  it('an update or delete with a missing, malformed or stale If-Match is 428, 400 or 412', () =>
    assertRefusedAlike(suite.clouds(), refusedIfMatch, 80, suite.counter));
  it('a huge header does not change how a refused request is answered', () =>
    assertRefusedAlike(
      suite.clouds(),
      withHugeHeader(fc.oneof(refusedIfMatch, wrongMethod, badQuery)),
      40,
      suite.counter,
    ));
});

it('leaves every note and its activity as it was', () => suite.expectStoreUnchanged());
