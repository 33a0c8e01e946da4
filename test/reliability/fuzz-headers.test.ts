import fc from 'fast-check';
import { validNoteBytes, withBody } from './helpers/body-arbitraries';
import { startClouds, snapshot, type Clouds } from './helpers/local-clouds';
import { assertRefusedAlike, newCounter, printTotals } from './helpers/fuzz-runner';
import { badQuery, hugeHeader, refusedIfMatch, wrongContentType, wrongMethod } from './helpers/request-arbitraries';
import type { RawRequest } from './helpers/raw-request';

// Headers the contract refuses (content types, If-Match) and huge headers, fuzzed over real HTTP on
// both emulated clouds: 4xx problems, the same on both clouds, and no note or activity changed.

let running: Clouds;
let before: unknown[];
const counter = newCounter();

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {}); // the handlers' request lines
  running = await startClouds();
  before = await Promise.all(running.clouds.map(snapshot));
}, 60_000);

afterAll(async () => {
  printTotals('fuzz-headers', counter);
  await running?.stop();
  jest.restoreAllMocks();
});

const withHugeHeader = (requests: fc.Arbitrary<RawRequest>) =>
  fc.tuple(requests, hugeHeader).map(([request, header]) => ({ ...request, headers: { ...request.headers, ...header } }));

describe('refused headers on both clouds', () => {
  it('a valid note with a content type other than UTF-8 JSON is 415', () =>
    assertRefusedAlike(running.clouds, withBody(validNoteBytes, wrongContentType), 60, counter));
  it('an update or delete with a missing, malformed or stale If-Match is 428, 400 or 412', () =>
    assertRefusedAlike(running.clouds, refusedIfMatch, 80, counter));
  it('a huge header does not change how a refused request is answered', () =>
    assertRefusedAlike(running.clouds, withHugeHeader(fc.oneof(refusedIfMatch, wrongMethod, badQuery)), 40, counter));
});

it('leaves every note and its activity as it was', async () => {
  await running.local.drain();
  expect(await Promise.all(running.clouds.map(snapshot))).toEqual(before);
  expect(running.local.pending()).toBe(0);
});
