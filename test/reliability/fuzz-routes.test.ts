import { startClouds, snapshot, type Clouds } from './helpers/local-clouds';
import { assertRefusedAlike, assertRefusedOnEach, newCounter, printTotals } from './helpers/fuzz-runner';
import { badIdRequest, badQuery, encodedPath, encodedSlashPath, fetchForbiddenMethod, malformedEscapePath, unknownPath, wrongMethod } from './helpers/request-arbitraries';

// Methods, paths and query strings the contract refuses, fuzzed over real HTTP against both emulated
// clouds: every answer a 4xx problem, the same on both clouds, and the store unchanged afterwards.

let running: Clouds;
let before: unknown[];
const counter = newCounter();

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {}); // the handlers' request lines
  running = await startClouds();
  before = await Promise.all(running.clouds.map(snapshot));
}, 60_000);

afterAll(async () => {
  printTotals('fuzz-routes', counter);
  await running?.stop();
  jest.restoreAllMocks();
});

describe('refused requests on both clouds', () => {
  it('a known route with a method it does not allow is 405', () => assertRefusedAlike(running.clouds, wrongMethod, 50, counter));
  it('a method fetch cannot carry (TRACE) is refused alike', () => assertRefusedAlike(running.clouds, fetchForbiddenMethod, 10, counter));
  it('a path under /api that matches no route (dot segments, long segments) is 404', () => assertRefusedAlike(running.clouds, unknownPath, 50, counter));
  it('a note id that is not a lower-case UUID is 404', () => assertRefusedAlike(running.clouds, badIdRequest, 50, counter));
  it('a bad limit, a foreign cursor, a repeated parameter or a long name is 400', () => assertRefusedAlike(running.clouds, badQuery, 60, counter));
  it('a path with a malformed percent escape is refused alike', () => assertRefusedAlike(running.clouds, malformedEscapePath, 30, counter));
  it('a path with percent-encoded characters is refused alike', () => assertRefusedAlike(running.clouds, encodedPath, 50, counter));
  it('a path with encoded slashes or dot segments is refused on each cloud', () => assertRefusedOnEach(running.clouds, encodedSlashPath, 30, counter));
});

it('leaves every note and its activity as it was', async () => {
  await running.local.drain();
  expect(await Promise.all(running.clouds.map(snapshot))).toEqual(before);
  expect(running.local.pending()).toBe(0);
});
