// Issue #19: a bounded load run (loopback, 10 connections, 1000 creates per cloud) signed in as 100
// owners, round robin, with real tokens from local mode's issuer. Every acknowledged create must be in
// its owner's list and in no one else's, and the writes must spread over one partition key per owner
// (DynamoDB's hash key / Cosmos DB's partition key is the owner): the figures are printed per cloud.
import autocannon from 'autocannon';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { AWS_ENV, NOTES_KEYS } from '../../contract/aws';
import { ownerOf } from '../../handlers/core/auth/owner';
import type { LocalMode } from '../../local/start-local';
import { type InMemoryLocal, startLocalInMemory } from '../support/local-in-memory';
import { tokenFor } from '../support/tokens';

const OWNERS = 100;
/** 4 per owner: enough to show each owner's writes land in its own partition, bounded for npm test. */
const CREATES = 400;
const users = Array.from({ length: OWNERS }, (_, i) => `user${String(i).padStart(3, '0')}`);

let running: InMemoryLocal;
let local: LocalMode;
let tokens: string[];

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {});
  running = await startLocalInMemory('owners-load');
  local = running.local;
  tokens = await Promise.all(users.map((user) => tokenFor(local, user)));
});
afterAll(async () => {
  await running?.stop();
  jest.restoreAllMocks();
});

/** Creates, each signed in as the next owner in turn; the acknowledged ones by owner index. */
function createAsOwners(url: string): Promise<{ result: autocannon.Result; byOwner: number[]; refused: number }> {
  const byOwner = users.map(() => 0);
  let refused = 0;
  let sequence = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: 10,
        // A fixed number of requests, not a duration: a run cut off by time leaves creates in flight
        // whose answers are never seen, though they commit.
        amount: CREATES,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/notes',
            setupRequest(request) {
              const owner = sequence++ % OWNERS;
              return {
                ...request,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[owner]}` },
                body: JSON.stringify({ title: `note ${sequence} of ${users[owner]}`, body: '' }),
              };
            },
            // The owner is read back from the answer (autocannon may set up a connection's next request
            // before this one's answer arrives, so per-connection context cannot carry it).
            onResponse(status, body) {
              const owner =
                status === 201
                  ? users.indexOf(/ of (user\d{3})$/.exec((JSON.parse(body) as { title: string }).title)?.[1] ?? '')
                  : -1;
              if (owner >= 0) byOwner[owner]! += 1;
              else refused += 1;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, byOwner, refused })),
    );
  });
}

/** How many notes each owner's own list holds (one partition read per owner, following the cursor). */
async function listedByOwner(url: string): Promise<number[]> {
  const counts: number[] = [];
  for (const token of tokens) {
    let count = 0;
    let path: string | undefined = '/api/notes?limit=100';
    while (path) {
      const page = (await (await fetch(url + path, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        items: unknown[];
        nextCursor?: string;
      };
      count += page.items.length;
      path = page.nextCursor === undefined ? undefined : `/api/notes?limit=100&cursor=${page.nextCursor}`;
    }
    counts.push(count);
  }
  return counts;
}

/** Items per hash key value of the emulated DynamoDB notes table (a test-only Scan: the app never scans). */
async function dynamoItemsPerPartition(): Promise<Map<string, number>> {
  const client = new DynamoDBClient({
    region: process.env.AWS_REGION,
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const perKey = new Map<string, number>();
  try {
    for await (const page of paginateScan({ client }, { TableName: process.env[AWS_ENV.notesTable] })) {
      for (const item of page.Items ?? []) {
        const key = item[NOTES_KEYS.hash]!.S!;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
      }
    }
  } finally {
    client.destroy();
  }
  return perKey;
}

function spread(counts: number[]) {
  const sorted = [...counts].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    partitionKeys: sorted.filter((n) => n > 0).length,
    total,
    min: sorted[0]!,
    median: sorted[Math.floor(sorted.length / 2)]!,
    max: sorted[sorted.length - 1]!,
    maxSharePercent: Math.round((1000 * sorted[sorted.length - 1]!) / total) / 10,
  };
}

describe.each(['aws', 'azure'] as const)('local-%s, creates by 100 owners', (cloud) => {
  it("keeps each owner's notes in its own partition: every acknowledged create in its owner's list only", async () => {
    const url = cloud === 'aws' ? local.awsUrl : local.azureUrl;
    const { result, byOwner, refused } = await createAsOwners(url);
    expect([refused, result.errors, result.timeouts]).toEqual([0, 0, 0]);
    expect(byOwner.every((n) => n > 0)).toBe(true);
    expect(await listedByOwner(url)).toEqual(byOwner);
    const figures = spread(byOwner);
    if (cloud === 'aws') {
      // The stored hash keys are exactly the 100 owners, each holding what that owner was acknowledged.
      const stored = await dynamoItemsPerPartition();
      expect(new Map([...stored].sort())).toEqual(
        new Map(users.map((user, i) => [ownerOf(local.issuer!.issuer, user), byOwner[i]!] as const).sort()),
      );
    }
    process.stdout.write(
      `[owners-load] local-${cloud}: ${result.requests.total} creates, ${JSON.stringify(figures)}\n`,
    );
  });
});
