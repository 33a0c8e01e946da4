import { assertRefusedAlike } from './helpers/fuzz-runner';
import { fuzzOnBothClouds } from './helpers/fuzz-suite';
import {
  badIdRequest,
  badQuery,
  encodedPath,
  encodedSlashPath,
  fetchForbiddenMethod,
  malformedEscapePath,
  unknownPath,
  wrongMethod,
} from './helpers/request-arbitraries';

// Methods, paths and query strings the contract refuses, fuzzed over real HTTP against both emulated
// clouds: every answer a 4xx problem, the same on both clouds, and the store unchanged afterwards.

const suite = fuzzOnBothClouds('fuzz-routes');

describe('refused requests on both clouds', () => {
  it('a known route with a method it does not allow is 405', () =>
    assertRefusedAlike(suite.clouds(), wrongMethod, 50, suite.counter));
  it('a method fetch cannot carry (TRACE, TRACK) is refused alike', () =>
    assertRefusedAlike(suite.clouds(), fetchForbiddenMethod, 20, suite.counter));
  it('a path under /api that matches no route (dot segments, long segments) is 404', () =>
    assertRefusedAlike(suite.clouds(), unknownPath, 50, suite.counter));
  it('a note id that is not a lower-case UUID is 404', () =>
    assertRefusedAlike(suite.clouds(), badIdRequest, 50, suite.counter));
  it('a bad limit, a foreign cursor, a repeated parameter or a long name is 400', () =>
    assertRefusedAlike(suite.clouds(), badQuery, 60, suite.counter));
  it('a path with a malformed percent escape is refused alike', () =>
    assertRefusedAlike(suite.clouds(), malformedEscapePath, 30, suite.counter));
  it('a path with percent-encoded characters is refused alike', () =>
    assertRefusedAlike(suite.clouds(), encodedPath, 50, suite.counter));
  it('a path with encoded slashes or dot segments is refused alike (%2F is a separator on both clouds)', () =>
    assertRefusedAlike(suite.clouds(), encodedSlashPath, 30, suite.counter));
});

it('leaves every note and its activity as it was', () => suite.expectStoreUnchanged());
