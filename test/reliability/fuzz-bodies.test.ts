import { deeplyNested, emptyBody, invalidUtf8, malformedJson, notANote, tooLarge, withBody } from './helpers/body-arbitraries';
import { startClouds, snapshot, type Clouds } from './helpers/local-clouds';
import { assertRefusedAlike, newCounter, printTotals } from './helpers/fuzz-runner';

// Request bodies the contract refuses, sent as creates and as updates that would otherwise succeed,
// over real HTTP on both emulated clouds: 4xx problems, the same on both, and the store unchanged.

let running: Clouds;
let before: unknown[];
const counter = newCounter();

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {}); // the handlers' request lines
  running = await startClouds();
  before = await Promise.all(running.clouds.map(snapshot));
}, 60_000);

afterAll(async () => {
  printTotals('fuzz-bodies', counter);
  await running?.stop();
  jest.restoreAllMocks();
});

describe('refused bodies on both clouds', () => {
  it('text that is not JSON is 400', () => assertRefusedAlike(running.clouds, withBody(malformedJson), 60, counter));
  it('JSON that is not a valid note (types, keys, lengths, lone surrogates) is 400', () => assertRefusedAlike(running.clouds, withBody(notANote), 80, counter));
  it('a body over 64 KiB is 413', () => assertRefusedAlike(running.clouds, withBody(tooLarge), 15, counter));
  it('a deeply nested body is 400 or 413', () => assertRefusedAlike(running.clouds, withBody(deeplyNested), 15, counter));
  it('a body that is not UTF-8 is 400', () => assertRefusedAlike(running.clouds, withBody(invalidUtf8), 20, counter));
  it('an empty body is 400', () => assertRefusedAlike(running.clouds, withBody(emptyBody), 10, counter));
});

it('leaves every note and its activity as it was', async () => {
  await running.local.drain();
  expect(await Promise.all(running.clouds.map(snapshot))).toEqual(before);
  expect(running.local.pending()).toBe(0);
});
