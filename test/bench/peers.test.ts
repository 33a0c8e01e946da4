// The peer comparison's pure parts: the cache's key, the same-run ratios, the report, and that each
// peer's handler code builds with our esbuild options. Nothing is installed here (--peers does that).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePeer } from '../../bench/peers/bundle-peers';
import { coldCallReport, OURS, OURS_LOCAL, serverRatios, type ServerRow } from '../../bench/peers/measure-peers';
import { findPeerCache, peerCacheDir } from '../../bench/peers/peer-cache';
import { rotated } from '../../bench/rotated';
import { peersSections } from '../../bench/peers/peers-section';
import { medianOfRatios } from '../../bench/peers/ratios';
import { runtimeColdReport } from '../../bench/peers/runtime-cold-starts';
import { writeService } from '../../bench/peers/serverless-offline';
import { PEER_ROUTES } from '../../bench/peers/handlers/routes';
import { PEERS, peerPackages, SERVERLESS_OFFLINE_PACKAGES } from '../../bench/peers/versions';

describe('peer versions and cache', () => {
  it('pins every package to an exact version, sorted, serverless-offline 13 with serverless 3.40', () => {
    const packages = peerPackages();
    for (const p of packages) expect(p).toMatch(/^(@[a-z-]+\/)?[a-z-]+@\d+\.\d+\.\d+$/);
    expect(packages).toEqual([...packages].sort());
    expect(SERVERLESS_OFFLINE_PACKAGES).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^serverless-offline@13\./),
        expect.stringMatching(/^serverless@3\.40\./),
      ]),
    );
  });

  it('keys the cache folder by the versions, and finds only a complete install', () => {
    const root = mkdtempSync(join(tmpdir(), 'peer-cache-'));
    try {
      expect(peerCacheDir(root, ['a@1.0.0'])).not.toBe(peerCacheDir(root, ['a@1.0.1']));
      expect(peerCacheDir(root, ['a@1.0.0'])).toBe(peerCacheDir(root, ['a@1.0.0']));
      const dir = peerCacheDir(root, ['a@1.0.0']);
      mkdirSync(join(dir, 'node_modules'), { recursive: true });
      expect(findPeerCache(root, ['a@1.0.0'])).toBeUndefined();
      mkdirSync(join(dir, 'complete'));
      expect(findPeerCache(root, ['a@1.0.0'])).toBe(join(dir, 'node_modules'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('same-run ratios', () => {
  it('is the median of the per-round ratios, not the ratio of the medians', () => {
    // Medians 20 and 10 would say 2; the rounds say 2, 2 and 0.5.
    expect(medianOfRatios([10, 20, 30], [5, 10, 60])).toBe(2);
    expect(medianOfRatios([10, 30], [20, 30])).toBeCloseTo(0.75);
  });

  it('skips rounds where either side has nothing, and says so when none is left', () => {
    expect(medianOfRatios([0, 8], [4, 4])).toBe(2);
    expect(medianOfRatios([0], [4])).toBeUndefined();
  });

  it('refuses unpaired rounds', () => {
    expect(() => medianOfRatios([1, 2], [1])).toThrow('ratios need paired rounds: 2 against 1');
  });
});

describe('peer report', () => {
  const calls = new Map([
    [
      OURS,
      [
        { requireMs: 100, firstResponseMs: 2 },
        { requireMs: 120, firstResponseMs: 4 },
      ],
    ],
    [
      'middy 7',
      [
        { requireMs: 100, firstResponseMs: 8 },
        { requireMs: 80, firstResponseMs: 4 },
      ],
    ],
  ]);
  const sizes = new Map([
    [OURS, 60_000],
    ['middy 7', 30_000],
  ]);

  /** The peers' tables for these server rows, with the cold calls above. */
  const serversSection = (rows: ServerRow[]) =>
    peersSections({
      versions: ['x@1.0.0'],
      runs: 2,
      coldCallRounds: 2,
      ...coldCallReport(sizes, calls),
      servers: {
        http: { connections: 10, durationS: 5, warmupS: 1 },
        rows,
        ratios: serverRatios(rows),
        oursChecksTokens: true,
      },
    });

  it('gives each bundle its medians and each peer its ratios (ours / theirs)', () => {
    const { rows, ratios } = coldCallReport(sizes, calls);
    expect(rows.map((r) => [r.name, r.minifiedBytes, r.requireMs.median, r.requirePlusFirstMs.median])).toEqual([
      [OURS, 60_000, 110, 113],
      ['middy 7', 30_000, 90, 96],
    ]);
    expect(ratios).toHaveLength(1);
    expect(ratios[0]!.peer).toBe('middy 7');
    expect(ratios[0]!.bundleSize).toBe(2);
    expect(ratios[0]!.require).toBeCloseTo((1 + 1.5) / 2);
    expect(ratios[0]!.firstResponse).toBeCloseTo((0.25 + 1) / 2);
    expect(ratios[0]!.requirePlusFirst).toBeCloseTo((102 / 108 + 124 / 84) / 2);
  });

  it('refuses samples without ours', () => {
    expect(() => coldCallReport(sizes, new Map([['middy 7', calls.get('middy 7')!]]))).toThrow(`no samples of ${OURS}`);
  });

  it('compares local mode with each server peer: req/s above 1 and start-up below 1 are ours faster', () => {
    const rows: ServerRow[] = [
      { name: OURS_LOCAL, requestsPerSec: { hello: [600, 800], 'create-then-get': [300, 300] }, startMs: [1000, 1200] },
      {
        name: 'serverless-offline',
        requestsPerSec: { hello: [100, 100], 'create-then-get': [200, 150] },
        startMs: [2000, 2000],
      },
    ];
    expect(serverRatios(rows)).toEqual([
      { peer: 'serverless-offline', requestsPerSec: { hello: 7, 'create-then-get': 1.75 }, startup: 0.55 },
    ]);
    const [, servers] = serversSection(rows);
    expect(servers!.rows).toEqual([
      [OURS_LOCAL, '700', '300', '1100', '', '1 (ours)', '', '', ''],
      ['serverless-offline', '100', '175', '2000', '', '7.00×', '1.75×', '0.55×', 'n/a'],
    ]);
  });

  it("cold starts on the runtime client: ratios per round, and what each adds above the same round's hello world", () => {
    const floor = { name: 'hello world', initMs: [50, 60], firstResponseMs: [55, 65] };
    const ours = { name: OURS, initMs: [150, 180], firstResponseMs: [155, 185] };
    const middy = { name: 'middy 7', initMs: [100, 120], firstResponseMs: [105, 145] };
    const report = runtimeColdReport(floor, ours, [middy]);
    expect(report.rows.map((r) => [r.name, r.firstResponseMs.median, r.aboveFloorMs.median])).toEqual([
      [OURS, 170, 110],
      ['middy 7', 125, 65],
    ]);
    expect(report.ratios).toHaveLength(1);
    expect(report.ratios[0]!.init).toBeCloseTo((1.5 + 1.5) / 2);
    expect(report.rows.map((r) => r.invokeMs.median)).toEqual([5, 15]);
    expect(report.ratios[0]!.invoke).toBeCloseTo((5 / 5 + 5 / 25) / 2);
    expect(report.ratios[0]!.firstResponse).toBeCloseTo((155 / 105 + 185 / 145) / 2);
    expect(report.ratios[0]!.aboveFloor).toBeCloseTo((100 / 50 + 120 / 80) / 2);
    const [, runtime] = peersSections({
      versions: ['x@1.0.0'],
      runs: 2,
      coldCallRounds: 2,
      ...coldCallReport(sizes, calls),
      runtime: { ric: '4.0.2', rounds: 2, ...report },
    });
    expect(runtime!.rows[1]).toEqual(['middy 7', '110', '15.0', '125', '65.0', '1.50×', '0.60×', '1.38×', '1.75×']);
    const [, failed] = peersSections({
      versions: [],
      runs: 2,
      coldCallRounds: 2,
      ...coldCallReport(sizes, calls),
      runtime: { error: 'no RIC' },
    });
    expect(failed!.rows).toEqual([['not measured: no RIC']]);
  });

  it('adds the CPU per write response of both processes, with local mode share, when it was measured', () => {
    const cpu = (write: number[], local: number[]) => ({
      cpuMsPerResponse: { hello: [], 'create-then-get': write },
      localCpuMsPerResponse: { hello: [], 'create-then-get': local },
    });
    const rows: ServerRow[] = [
      {
        name: OURS_LOCAL,
        requestsPerSec: { hello: [1], 'create-then-get': [1] },
        startMs: [1],
        ...cpu([2, 3], [2, 3]),
      },
      { name: 'peer', requestsPerSec: { hello: [1], 'create-then-get': [1] }, startMs: [1], ...cpu([4, 4], [1.5, 2]) },
    ];
    expect(serverRatios(rows)[0]!.writeCpu).toBe(0.625); // median of 2/4 and 3/4
    const [, servers] = serversSection(rows);
    expect(servers!.rows.map((r) => [r[4], r[8]])).toEqual([
      ['2.50 (2.50)', ''],
      ['4.00 (1.75)', '0.63×'],
    ]);
  });

  it('rotates the targets from round to round (servers, cold calls, runtime cold starts)', () => {
    expect([0, 1, 2, 3].map((i) => rotated(['a', 'b', 'c'], i).join(''))).toEqual(['abc', 'bca', 'cab', 'abc']);
    expect(rotated([], 5)).toEqual([]);
  });

  it('writes a failed run as one line', () => {
    expect(peersSections({ error: 'installing the peers failed (npm exit 1):' })).toEqual([
      { title: 'Peers', head: ['result'], rows: [['not measured: installing the peers failed (npm exit 1):']] },
    ]);
  });
});

describe('peer handlers', () => {
  it.each(PEERS.map((p) => [p.name, p] as const))(
    '%s builds with our esbuild options, its packages and the AWS SDK left as requires',
    (_name, peer) => {
      const code = bundlePeer(peer, undefined).toString('utf8');
      for (const p of peer.packages) expect(code).toContain(`require("${p.slice(0, p.lastIndexOf('@'))}")`);
      expect(code).toContain('require("@aws-sdk/client-dynamodb")');
      // The same work: every route, the token check, the conditional writes, the same rules.
      for (const text of [
        '/api/notes/{id}/activity',
        'NOTES_TABLE',
        'ACTIVITY_TABLE',
        'attribute_exists(#id) AND #version = :expected',
        'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
        '/.well-known/openid-configuration',
        'application/problem+json',
      ])
        expect(code).toContain(text);
    },
  );

  it("serverless-offline gets a service beside the peers' node_modules, on local mode's DynamoDB", () => {
    const root = mkdtempSync(join(tmpdir(), 'peer-service-'));
    try {
      const sdk = join(root, 'sdk');
      mkdirSync(join(sdk, '@aws-sdk', 'client-dynamodb'), { recursive: true });
      const handler = Buffer.from(
        'const { DynamoDBClient } = require("@aws-sdk/client-dynamodb"); exports.handler = 1;',
      );
      const dir = writeService(
        join(root, 'node_modules'),
        handler,
        {
          dynamoDbEndpoint: 'http://127.0.0.1:4567',
          notesTable: 'notes',
          activityTable: 'activity',
          auth: { issuer: 'http://127.0.0.1:4568', audience: 'aud' },
        },
        sdk,
      );
      expect(dir).toBe(join(root, 'service'));
      const yaml = readFileSync(join(dir, 'serverless.yml'), 'utf8');
      expect(yaml).toContain('AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:4567"');
      expect(yaml).toContain('AUTH_ISSUER: "http://127.0.0.1:4568"');
      // Every route the peer handlers serve, so the peer answers what ours answers.
      for (const route of PEER_ROUTES) expect(yaml).toContain(`method: ${route.method}, path: '${route.path}'`);
      expect(existsSync(join(dir, 'index.js'))).toBe(true);
      // The SDK packages the handler requires resolve from the service, as the runtime provides them.
      expect(realpathSync(join(dir, 'node_modules', '@aws-sdk', 'client-dynamodb'))).toBe(
        realpathSync(join(sdk, '@aws-sdk', 'client-dynamodb')),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
