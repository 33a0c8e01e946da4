import { assertAnsweredAlike, assertRefusedAlike } from './helpers/fuzz-runner';
import { fuzzOnBothClouds } from './helpers/fuzz-suite';
import { duplicatedHeaders, encodedSeparators, encodedSeparatorWrite, withHost } from './helpers/edge-arbitraries';

// Odd requests (docs/ARCHITECTURE.md, "Odd requests") over real HTTP on both emulated clouds: the same
// status and body from each, refusals as problems, and every note and its activity as seeded.

const suite = fuzzOnBothClouds('fuzz-edges');

describe('odd requests on both clouds', () => {
  it('a Host header routes nothing: any value gets the same answer on both clouds (400 when it is no host)', () =>
    assertAnsweredAlike(suite.clouds(), withHost, 80, suite.counter));
  it('"/", "%2F", a leading "//" and absolute form route alike', () =>
    assertAnsweredAlike(suite.clouds(), encodedSeparators, 60, suite.counter));
  it('a refused write with encoded separators is refused alike', () =>
    assertRefusedAlike(suite.clouds(), encodedSeparatorWrite, 30, suite.counter));
  it('duplicated or empty Content-Type and If-Match are refused alike', () =>
    assertRefusedAlike(suite.clouds(), duplicatedHeaders, 50, suite.counter));
});

it('leaves every note and its activity as it was', () => suite.expectStoreUnchanged());
