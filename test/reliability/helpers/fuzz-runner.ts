import fc from 'fast-check';
import type { Cloud } from './local-clouds';
import { expectSameAnswer, expectSameRefusal } from './problem-checks';
import { sendRaw, type RawAnswer, type RawRequest } from './raw-request';

/** `{seedN}` → the id of seeded note N on that cloud, in the path and in header values. */
export function onCloud(input: RawRequest, cloud: Cloud): RawRequest {
  const seeded = (text: string) => text.replace(/\{seed(\d)\}/g, (_m, n: string) => cloud.seeded[Number(n)]!);
  const headers = Object.fromEntries(
    Object.entries(input.headers ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map(seeded) : seeded(value),
    ]),
  );
  return { ...input, path: seeded(input.path), headers };
}

/**
 * A fixed seed by default, so a run is reproducible and the suite's verdict stable; FUZZ_SEED=<n>
 * replays another run and FUZZ_SEED=random explores new inputs (fast-check prints the seed of a failure).
 */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  if (seed === 'random') return { numRuns };
  return { numRuns, seed: seed === undefined || seed === '' ? 20_261_125 : Number(seed) };
}

export interface FuzzCounter {
  inputs: number;
  requests: number;
}

export const newCounter = (): FuzzCounter => ({ inputs: 0, requests: 0 });

async function askBoth(
  clouds: [Cloud, Cloud],
  input: RawRequest,
  counter: FuzzCounter,
): Promise<[RawAnswer, RawAnswer]> {
  counter.inputs += 1;
  counter.requests += 2;
  const [aws, azure] = await Promise.all(clouds.map((cloud) => sendRaw(cloud.url, onCloud(input, cloud))));
  return [aws!, azure!];
}

/** Each input, on both clouds: a proper refusal, and the same answer (status and problem body). */
export async function assertRefusedAlike(
  clouds: [Cloud, Cloud],
  arbitrary: fc.Arbitrary<RawRequest>,
  numRuns: number,
  counter: FuzzCounter,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => expectSameRefusal(input, await askBoth(clouds, input, counter))),
    fuzzParameters(numRuns),
  );
}

/** Each input, on both clouds: the same status and body (ids and times aside), a proper problem when refused. */
export async function assertAnsweredAlike(
  clouds: [Cloud, Cloud],
  arbitrary: fc.Arbitrary<RawRequest>,
  numRuns: number,
  counter: FuzzCounter,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => expectSameAnswer(input, await askBoth(clouds, input, counter))),
    fuzzParameters(numRuns),
  );
}

/** One line per file, for the figures a run reports. */
export function printTotals(file: string, counter: FuzzCounter): void {
  process.stdout.write(
    `[reliability] ${file}: ${counter.inputs} inputs tried (${counter.requests} HTTP requests over both clouds)\n`,
  );
}
