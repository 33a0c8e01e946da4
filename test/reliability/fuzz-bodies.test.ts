import {
  deeplyNested,
  emptyBody,
  invalidUtf8,
  malformedJson,
  notANote,
  tooLarge,
  withBody,
} from './helpers/body-arbitraries';
import { assertRefusedAlike } from './helpers/fuzz-runner';
import { fuzzOnBothClouds } from './helpers/fuzz-suite';

// Request bodies the contract refuses, sent as creates and as updates that would otherwise succeed,
// over real HTTP on both emulated clouds: 4xx problems, the same on both, and the store unchanged.

const suite = fuzzOnBothClouds('fuzz-bodies');

describe('refused bodies on both clouds', () => {
  it('text that is not JSON is 400', () =>
    assertRefusedAlike(suite.clouds(), withBody(malformedJson), 60, suite.counter));
  it('JSON that is not a valid note (types, keys, lengths, lone surrogates) is 400', () =>
    assertRefusedAlike(suite.clouds(), withBody(notANote), 80, suite.counter));
  it('a body over 64 KiB is 413', () => assertRefusedAlike(suite.clouds(), withBody(tooLarge), 15, suite.counter));
  it('a deeply nested body is 400 or 413', () =>
    assertRefusedAlike(suite.clouds(), withBody(deeplyNested), 15, suite.counter));
  it('a body that is not UTF-8 is 400', () =>
    assertRefusedAlike(suite.clouds(), withBody(invalidUtf8), 20, suite.counter));
  it('an empty body is 400', () => assertRefusedAlike(suite.clouds(), withBody(emptyBody), 10, suite.counter));
});

it('leaves every note and its activity as it was', () => suite.expectStoreUnchanged());
