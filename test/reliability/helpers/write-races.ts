import fc from 'fast-check';
import { fuzzParameters, type FuzzCounter } from './fuzz-runner';
import type { Cloud } from './local-clouds';
import { comparable, describeInput, problemViolations } from './problem-checks';
import { type RawAnswer, type RawRequest, sendRaw } from './raw-request';

// Concurrent writes to one fresh note on each cloud. Which write wins is up to the race, so the oracle is
// the contract run one write at a time: the answers and the note left must be those of SOME order of the
// writes (the loser of a race gets what it would get had it come just after the winner: 404 after a
// delete, 412 after an update), and a refusal the same problem on both clouds.

export interface Write {
  method: 'PUT' | 'DELETE';
  /** Absent only on DELETE (an unconditional delete). */
  ifMatch?: string;
}

export const concurrentWrites: fc.Arbitrary<Write[]> = fc.array(
  fc.oneof(
    fc
      .constantFrom<string | undefined>(undefined, '"1"', '*', '"2"')
      .map((ifMatch): Write => (ifMatch === undefined ? { method: 'DELETE' } : { method: 'DELETE', ifMatch })),
    fc.constantFrom('"1"', '*', '"2"', 'W/"1"').map((ifMatch): Write => ({ method: 'PUT', ifMatch })),
  ),
  { minLength: 2, maxLength: 4 },
);

interface NoteState {
  exists: boolean;
  version: number;
}

/** One write as the contract answers it, one at a time (docs/ARCHITECTURE.md, HTTP contract). */
function apply(state: NoteState, write: Write): number {
  if (!state.exists) return 404;
  const wanted =
    write.ifMatch === undefined || write.ifMatch === '*' ? undefined : Number(/\d+/.exec(write.ifMatch)![0]);
  if (wanted !== undefined && wanted !== state.version) return 412;
  if (write.method === 'DELETE') state.exists = false;
  else state.version += 1;
  return write.method === 'DELETE' ? 204 : 200;
}

function* orders(n: number, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === n) yield prefix;
  for (let i = 0; i < n; i++) if (!prefix.includes(i)) yield* orders(n, [...prefix, i]);
}

/** The outcomes (statuses by write, then the note left) of every order of `writes` on a version-1 note. */
export function possibleOutcomes(writes: Write[]): Set<string> {
  const outcomes = new Set<string>();
  for (const order of orders(writes.length)) {
    const state = { exists: true, version: 1 };
    const statuses: number[] = [];
    for (const i of order) statuses[i] = apply(state, writes[i]!);
    outcomes.add(JSON.stringify({ statuses, left: state.exists ? state.version : 'none' }));
  }
  return outcomes;
}

const NOTE = Buffer.from('{"title":"raced","body":""}');

function requestOf(write: Write, id: string): RawRequest {
  const headers: Record<string, string> = write.ifMatch === undefined ? {} : { 'if-match': write.ifMatch };
  if (write.method === 'DELETE') return { method: 'DELETE', path: `/api/notes/${id}`, headers };
  return {
    method: 'PUT',
    path: `/api/notes/${id}`,
    headers: { ...headers, 'content-type': 'application/json' },
    body: NOTE,
  };
}

interface Raced {
  answers: RawAnswer[];
  left: number | 'none';
}

/** Creates a note, sends every write at once, reads what is left, and deletes it (the store ends as it began). */
async function race(cloud: Cloud, writes: Write[], counter: FuzzCounter): Promise<Raced> {
  const created = await sendRaw(cloud.url, {
    method: 'POST',
    path: '/api/notes',
    headers: { 'content-type': 'application/json' },
    body: NOTE,
  });
  if (created.status !== 201)
    throw new Error(`${cloud.name}: creating the note answered ${created.status}: ${created.text}`);
  const id = (JSON.parse(created.text) as { id: string }).id;
  const answers = await Promise.all(writes.map((write) => sendRaw(cloud.url, requestOf(write, id))));
  const read = await sendRaw(cloud.url, { method: 'GET', path: `/api/notes/${id}` });
  const left = read.status === 200 ? Number(String(read.headers.etag).replace(/"/g, '')) : 'none';
  if (left !== 'none') await sendRaw(cloud.url, { method: 'DELETE', path: `/api/notes/${id}` });
  counter.requests += writes.length + (left === 'none' ? 2 : 3);
  return { answers, left };
}

/** Each set of concurrent writes, on both clouds: an outcome of some order, refusals proper and alike. */
export async function assertRacesLinearizable(
  clouds: [Cloud, Cloud],
  numRuns: number,
  counter: FuzzCounter,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(concurrentWrites, async (writes) => {
      counter.inputs += 1;
      const possible = possibleOutcomes(writes);
      const raced = await Promise.all(clouds.map((cloud) => race(cloud, writes, counter)));
      const failures: string[] = [];
      const refusalBodies = new Map<string, string>();
      raced.forEach(({ answers, left }, c) => {
        const cloud = clouds[c]!;
        const outcome = JSON.stringify({ statuses: answers.map((a) => a.status), left });
        if (!possible.has(outcome))
          failures.push(`${cloud.name}: ${outcome} is no order's outcome (${[...possible].join(' | ')})`);
        answers.forEach((answer, i) => {
          if (answer.status < 400) return;
          for (const violation of problemViolations(writes[i]!.method, answer, cloud.name))
            failures.push(`${cloud.name}: ${describeInput(requestOf(writes[i]!, '<id>'))}: ${violation}`);
          const seen = refusalBodies.get(`${i} ${answer.status}`);
          if (seen !== undefined && seen !== comparable(answer))
            failures.push(`write ${i}: the clouds refuse differently: ${seen} vs ${comparable(answer)}`);
          refusalBodies.set(`${i} ${answer.status}`, comparable(answer));
        });
      });
      if (failures.length > 0) throw new Error(`${failures.join('\n')}\n  writes: ${JSON.stringify(writes)}`);
    }),
    fuzzParameters(numRuns),
  );
}
