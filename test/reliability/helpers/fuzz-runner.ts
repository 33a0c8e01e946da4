import fc from 'fast-check';
import type { Cloud } from './local-clouds';
import { expectSameRefusal, problemViolations, describeInput } from './problem-checks';
import { sendRaw, type RawAnswer, type RawRequest } from './raw-request';

/** `{seedN}` → the id of seeded note N on that cloud. */
export function onCloud(input: RawRequest, cloud: Cloud): RawRequest {
  const seeded = (text: string) => text.replace(/\{seed(\d)\}/g, (_m, n: string) => cloud.seeded[Number(n)]!);
  return { ...input, path: seeded(input.path) };
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

async function askBoth(clouds: [Cloud, Cloud], input: RawRequest, counter: FuzzCounter): Promise<[RawAnswer, RawAnswer]> {
  counter.inputs += 1;
  counter.requests += 2;
  const [aws, azure] = await Promise.all(clouds.map((cloud) => sendRaw(cloud.url, onCloud(input, cloud))));
  return [aws!, azure!];
}

/** Each input, on both clouds: a proper refusal, and the same answer (status and problem body). */
export async function assertRefusedAlike(clouds: [Cloud, Cloud], arbitrary: fc.Arbitrary<RawRequest>, numRuns: number, counter: FuzzCounter): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => expectSameRefusal(input, await askBoth(clouds, input, counter))),
    fuzzParameters(numRuns),
  );
}

/**
 * Each input, on each cloud: a proper refusal; the clouds may differ. For encoded slashes only: API
 * Gateway hands the Lambda a percent-decoded rawPath, %2F included (test/fixtures/aws-apigw-v2 shows a
 * decoded path), while the Functions host passes the URL as sent, so the app sees different routes.
 */
export async function assertRefusedOnEach(clouds: [Cloud, Cloud], arbitrary: fc.Arbitrary<RawRequest>, numRuns: number, counter: FuzzCounter): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      const [aws, azure] = await askBoth(clouds, input, counter);
      const problems = [
        ...problemViolations(input.method, aws, 'local-aws').map((p) => `local-aws: ${p}`),
        ...problemViolations(input.method, azure, 'local-azure').map((p) => `local-azure: ${p}`),
      ];
      if (problems.length > 0) {
        throw new Error(`${problems.join('; ')}\n  input: ${describeInput(input)}\n  local-aws:   ${aws.status} ${aws.text.slice(0, 300)}\n  local-azure: ${azure.status} ${azure.text.slice(0, 300)}`);
      }
    }),
    fuzzParameters(numRuns),
  );
}

/** One line per file, for the lead's figures. */
export function printTotals(file: string, counter: FuzzCounter): void {
  process.stdout.write(`[reliability] ${file}: ${counter.inputs} inputs tried (${counter.requests} HTTP requests over both clouds)\n`);
}
