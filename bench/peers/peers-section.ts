// The "Peers" tables of bench/results.md: ours against express + serverless-http, middy and serverless-offline.
import { kb, ms, times, type Section } from '../format';
import { median } from '../stats';
import type { PeersResult } from './measure-peers';
import type { RuntimeColdStarts } from './runtime-cold-starts';

export function peersSections(p: PeersResult | { error: string }): Section[] {
  if ('error' in p) return [{ title: 'Peers', head: ['result'], rows: [[`not measured: ${p.error}`]] }];
  const out: Section[] = [
    {
      title: 'Peers: bundle, require and first response (ours / theirs)',
      head: [
        'bundle',
        'minified',
        'require median ms',
        'first response median ms',
        'require + first median ms',
        'size ×',
        'require ×',
        'first response ×',
        'require + first ×',
      ],
      rows: p.rows.map((row) => {
        const r = p.ratios.find((x) => x.peer === row.name);
        return [
          row.name,
          kb(row.minifiedBytes),
          ms(row.requireMs.median),
          ms(row.firstResponseMs.median),
          ms(row.requirePlusFirstMs.median),
          ...(r
            ? [times(r.bundleSize), times(r.require), times(r.firstResponse), times(r.requirePlusFirst)]
            : ['1 (ours)', '', '', '']),
        ];
      }),
      note:
        `Peers (exact versions): ${p.versions.join(', ')}, installed by \`--peers\` into the cache folder, never into the project. ` +
        'Each serves every route of the API with the same work in its own idiom (bench/peers/handlers/): the same valibot rules ' +
        '(415, 413, UTF-8, JSON, the note and query schemas), problem+json answers, ETag/If-Match, cursor pages, 404/405, ' +
        'the same DynamoDB calls on the same tables, and a Bearer token check with jose on the notes routes (jose and valibot ' +
        "at the project's versions), bundled with our esbuild options (minified, the AWS SDK left to the runtime). " +
        'Cold call: a fresh Node process requires ' +
        'the bundle (**require**, with the Lambda environment set: ours builds its app there) and calls the handler with a ' +
        `first API Gateway GET /api/hello (**first response**); ${p.coldCallRounds} rounds over every bundle. ×: the median of the ` +
        'per-round ratios ours / theirs; below 1 is ours smaller or faster.',
    },
  ];
  if (p.runtime) out.push(runtimeSection(p.runtime));
  if (p.servers) {
    const s = p.servers;
    out.push({
      title: 'Peers: local mode against serverless-offline (ours / theirs)',
      head: [
        'server',
        'hello req/s',
        'create-then-get req/s',
        'start-up median ms',
        'create-then-get CPU ms per response (local mode)',
        'hello ×',
        'create-then-get ×',
        'start-up ×',
        'create-then-get CPU ×',
      ],
      rows: s.rows.map((row) => {
        const r = s.ratios.find((x) => x.peer === row.name);
        const cpu = row.cpuMsPerResponse?.['create-then-get'] ?? [];
        const localCpu = row.localCpuMsPerResponse?.['create-then-get'] ?? [];
        return [
          row.name,
          median(row.requestsPerSec.hello).toFixed(0),
          median(row.requestsPerSec['create-then-get']).toFixed(0),
          ms(median(row.startMs)),
          cpu.length > 0 ? `${median(cpu).toFixed(2)} (${median(localCpu).toFixed(2)})` : '',
          ...(r
            ? [
                times(r.requestsPerSec.hello),
                times(r.requestsPerSec['create-then-get']),
                times(r.startup),
                times(r.writeCpu),
              ]
            : ['1 (ours)', '', '', '']),
        ];
      }),
      note:
        "Local mode on disk, as `npm start` runs it: every write and change fsync'd before its answer. " +
        "serverless-offline serves the middy handler; its writes go to local mode's own DynamoDB (through the stream capture), so " +
        "local mode's publisher, bus and subscriber do the same event work for both. Every request carries a Bearer token from " +
        'a local OIDC issuer that the peer verifies on the notes routes; ' +
        (s.oursChecksTokens
          ? 'local mode verifies it too. '
          : '**local mode did not check tokens in this run (started with sign-in off): ours skipped work the peer did.** ') +
        `autocannon, ${s.http.connections} connections, ${s.http.durationS} s after ${s.http.warmupS} s of warm-up, rounds interleaving the ` +
        "three servers, each round starting with the next one, after one unmeasured warm-up pass over all; req/s × above 1 is ours faster. Start-up: spawn until it answers (local mode: both clouds' /api/health; " +
        "serverless-offline: /api/hello, the handler's first load included); × below 1 is ours faster. CPU: user + system " +
        "time of local mode's and the peer's processes together per create-then-get response (in brackets, local mode's share: " +
        'for a peer, the store, stream and event work its writes cause there), from /proc around each measured run; steadier ' +
        'than req/s on a busy machine; × below 1 is ours cheaper.',
    });
  }
  return out;
}

function runtimeSection(r: RuntimeColdStarts | { error: string }): Section {
  const title = 'Peers: cold start on the Lambda runtime client (ours / theirs)';
  if ('error' in r) return { title, head: ['result'], rows: [[`not measured: ${r.error}`]] };
  return {
    title,
    head: [
      'bundle',
      'init median ms',
      'first invocation median ms',
      'first response median ms',
      'above hello world median ms',
      'init ×',
      'first invocation ×',
      'first response ×',
      'above hello world ×',
    ],
    rows: r.rows.map((row) => {
      const ratio = r.ratios.find((x) => x.peer === row.name);
      return [
        row.name,
        ms(row.initMs.median),
        ms(row.invokeMs.median),
        ms(row.firstResponseMs.median),
        ms(row.aboveFloorMs.median),
        ...(ratio
          ? [times(ratio.init), times(ratio.invoke), times(ratio.firstResponse), times(ratio.aboveFloor)]
          : ['1 (ours)', '', '', '']),
      ];
    }),
    note:
      `The same bundles, each in a fresh process of \`aws-lambda-ric\` ${r.ric} as the nodejs22.x bootstrap starts it ` +
      '(the "Lambda init" table above; no NODE_OPTIONS for any), answering a first GET /api/hello through a loopback Runtime ' +
      "API; the runtime's console carries every request line (the peers write ours). **init**: start until the runtime " +
      "first asks for work (Lambda's Init Duration; ours builds its app and answers one muted hello there); **first " +
      "invocation**: from there to the first answer (the cold call's Duration); **first response**: start until the first " +
      'answer, what the first caller waits for; **above hello world**: first response minus ' +
      "the same round's lambda-perf hello world (the runtime's own start), what each function's code costs. " +
      `${r.rounds} rounds over every bundle; ×: the median of the per-round ratios ours / theirs, below 1 is ours faster.`,
  };
}
