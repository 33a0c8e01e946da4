import { fuzzOnBothClouds } from './helpers/fuzz-suite';
import { assertRacesLinearizable } from './helpers/write-races';

// Concurrent updates and deletes of one note, over real HTTP on both emulated clouds: every outcome is
// one the contract gives for some order of the writes (the loser of a write race gets 404 after a delete
// on both clouds, never 412), refusals are the same problem on both, and the store ends as seeded.

const suite = fuzzOnBothClouds('fuzz-races');

it('concurrent writes to one note answer as if made one at a time, on both clouds', () =>
  assertRacesLinearizable(suite.clouds(), 25, suite.counter));

it('leaves every note and its activity as it was', () => suite.expectStoreUnchanged());
