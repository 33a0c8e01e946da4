// Renders one run as bench/results.md (tables + method) and as terminal tables (cli-table3).
import Table from 'cli-table3';
import { budgetLines, type BudgetLine } from './budget-lines';
import { kb, ms, times, type Section } from './format';
import { peersSections } from './peers/peers-section';
import type { BenchResults } from './results';
import type { Summary } from './stats';

const spread = (s: Summary) => `${ms(s.min)}–${ms(s.max)} (IQR ${ms(s.p25)}–${ms(s.p75)})`;

function formatBudgetValue(l: BudgetLine): string {
  if (l.value === undefined) return 'n/a';
  return l.unit === 'bytes' ? kb(l.value) : l.unit === 'ms' ? `${ms(l.value)} ms` : times(l.value);
}

function formatLimit(l: BudgetLine): string {
  return l.unit === 'bytes' ? `≤ ${kb(l.limit)}` : l.unit === 'ms' ? `≤ ${l.limit} ms` : `≤ ${l.limit}×`;
}

export function sections(r: BenchResults): Section[] {
  const out: Section[] = [];
  if (r.bundles) {
    const b = r.bundles;
    out.push({
      title: 'Bundles: size and cold require',
      head: [
        'bundle',
        'minified',
        'gzip -9',
        'zip (uploaded)',
        'cold require median ms',
        'min–max (IQR) ms',
        'own code only, median ms',
        'modules loaded (of them AWS SDK)',
      ],
      rows: b.sizes.map((s) => {
        const cold = b.coldRequire.find((c) => c.name === s.name);
        return [
          s.name,
          kb(s.minifiedBytes),
          kb(s.gzipBytes),
          kb(s.zipBytes),
          cold ? (cold.error ? `failed: ${cold.error}` : ms(cold.ms.median)) : 'not run',
          cold ? spread(cold.ms) : '',
          cold ? ms(cold.ownCodeMs.median) : '',
          cold ? `${cold.modulesLoaded} (${cold.sdkModulesLoaded})` : '',
        ];
      }),
      note:
        `Built with program/bundle/index.ts as the Pulumi program builds them (all four in ${ms(b.buildMs)} ms). Cold require: ` +
        `the bundle written to a temp dir, \`node -e\` timing \`require()\` with \`process.hrtime\`, ${r.options.runs} fresh processes each. ` +
        "The AWS bundles leave the AWS SDK v3 out (the nodejs22.x runtime has it); here it resolves from the repository's " +
        'node_modules through NODE_PATH, so **their cold require includes loading the SDK modules the handler imports at the top ' +
        'level** (the "AWS SDK" count: clients are *created* lazily, but their modules load eagerly), from this repository\'s SDK ' +
        'version rather than the runtime\'s. "Own code only" is the same require with those SDK packages loaded beforehand, so the ' +
        "difference is what the SDK costs. The Azure package bundles everything; `@azure/functions-core` (the host's) is absent here, " +
        'so `@azure/functions` runs in its "test mode" and skips registering the three functions with a host: the host\'s own ' +
        'registration work is not included.',
    });
    for (const c of b.composition) {
      out.push({
        title: `What ${c.name} is made of (largest packages, minified bytes)`,
        head: ['package', 'bytes', 'share'],
        rows: (() => {
          const total = c.packages.reduce((n, p) => n + p.bytes, 0);
          return c.packages.slice(0, 10).map((p) => [p.name, kb(p.bytes), `${((p.bytes / total) * 100).toFixed(1)} %`]);
        })(),
      });
    }
  }
  if (r.lambdaInit && 'error' in r.lambdaInit) {
    out.push({
      title: 'Lambda init on the runtime interface client',
      head: ['result'],
      rows: [[`not measured: ${r.lambdaInit.error}`]],
    });
  } else if (r.lambdaInit) {
    const l = r.lambdaInit;
    out.push({
      title: 'Lambda init on the runtime interface client (Node 22)',
      head: [
        'function',
        'AWS SDK',
        'NODE_OPTIONS',
        'index.js',
        'init median ms',
        'init min–max (IQR) ms',
        'first response median ms',
      ],
      rows: l.rows.map((row) => [
        row.function,
        row.sdk,
        row.nodeOptions || '(none)',
        kb(row.bundleBytes),
        ms(row.initMs.median),
        spread(row.initMs),
        ms(row.firstResponseMs.median),
      ]),
      note:
        `Each row: ${l.runs} fresh processes of Node ${l.node} running \`aws-lambda-ric\` ${l.ric} (the client the Lambda base images run) ` +
        'as the nodejs22.x bootstrap starts it (`--expose-gc --max-http-header-size 81920`, heap sizes for 512 MB; NODE_PATH holds only ' +
        "the AWS SDK, at this repository's versions, and the task folder), against a loopback Runtime API that times the first " +
        "`next` call (**init**: Lambda's Init Duration) and the first answer (**first response**: what the first caller waits for, " +
        'without the network). api answers GET /api/hello, publisher publishes one INSERT to an EventBridge stand-in, subscriber ' +
        'records one event in dynalite. **external**: the SDK left to the runtime; **bundled**: tree-shaken into index.js. ' +
        'NODE_OPTIONS as deployed (aws/compute.ts), and the api once more without them, to see their cost. Rounds over every ' +
        'row, so a busy moment falls on all rows alike. ' +
        `**hello world** is the floor, the function lambda-perf measures: its published init for nodejs22.x on arm64 is ` +
        `${l.reference.ms} ms (${l.reference.source}), on AWS's hardware rather than this machine's.`,
    });
    out.push({
      title: 'Azure package load (Node 22)',
      head: ['what', 'median ms', 'min–max (IQR) ms'],
      rows: [
        ['node -e 0 (Node alone)', ms(l.azure.nodeAloneMs.median), spread(l.azure.nodeAloneMs)],
        ['node -e require(dist/index.js)', ms(l.azure.processMs.median), spread(l.azure.processMs)],
        ...(l.azure.coldCall
          ? [
              [
                'init: require(dist/index.js), functions registered, api built',
                ms(l.azure.coldCall.initMs.median),
                spread(l.azure.coldCall.initMs),
              ],
              [
                'first response: api handler, GET /api/hello',
                ms(l.azure.coldCall.firstResponseMs.median),
                spread(l.azure.coldCall.firstResponseMs),
              ],
            ]
          : []),
      ],
      note:
        "The first two rows: process start to exit, fresh processes alternating. **init** and **first response** are Lambda's split " +
        "(bench/azure-first-response.ts): in a fresh process, the time to require the package's main, which registers the three " +
        "functions with a stand-in of the worker's `@azure/functions-core` and builds the api app (buildNow), then the time until " +
        'the registered api handler answers a Functions `HttpRequest` for GET /api/hello, invoked right after (the warm-up the ' +
        'package starts at load may still be running then, so this is the worst case). The Functions host itself cannot run here: ' +
        'its start, the worker handshake and its request conversion are not included, only what this package adds.',
    });
  }
  if (r.adapters) {
    out.push({
      title: 'Cloud adapters alone (in-process)',
      head: ['scenario', 'target', 'p50 µs', 'p99 µs', 'p50 × core fetch', 'calls'],
      rows: r.adapters.results.map((a) => [
        a.scenario,
        a.target,
        a.p50Us.toFixed(1),
        a.p99Us.toFixed(1),
        a.target === 'core fetch' ? '1 (floor)' : times(a.p50Ratio),
        String(a.calls),
      ]),
      note:
        'The same core app on memory stores, called in this process with no network: **core fetch** is `app.fetch(new Request(…))`; ' +
        '**aws adapter** is handlers/aws/api-handler.ts with an API Gateway payload 2.0 event; **azure adapter** is ' +
        'handlers/azure/api.ts with a Functions `HttpRequest`. Input construction is inside the timing for all three; no request ' +
        `log lines. Blocks of 500 calls interleave the three targets (after 500 warm-up calls each), ${r.adapters.callsPerTarget} ` +
        'timed calls each; create-then-get times the pair. This is the overhead the adapters add in the cloud.',
    });
  }
  if (r.http) {
    const h = r.options.http;
    out.push({
      title: 'Local mode under load',
      head: [
        'scenario',
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'p50 by status ms',
        'p50 × floor',
        'req/s: floor ÷ this',
        'errors / non-2xx',
      ],
      rows: r.http.results.map((res) => {
        const o = r.http?.overheads.find((x) => x.target === res.target && x.scenario === res.scenario);
        return [
          res.scenario,
          res.target,
          res.requestsPerSec.toFixed(0),
          ms(res.p50Ms),
          ms(res.p99Ms),
          Object.entries(res.p50ByStatusMs)
            .map(([status, v]) => `${status}: ${ms(v)}`)
            .join(', '),
          o ? times(o.p50Ratio) : '1 (floor)',
          o ? times(o.throughputRatio) : '1 (floor)',
          `${res.errors} / ${res.non2xx}`,
        ];
      }),
      note:
        `autocannon, ${h.connections} connections, ${h.durationS} s measured after a ${h.warmupS} s warm-up, loopback only; the servers run in ` +
        "a child process, autocannon in the bench process. Latencies are each 2xx response's own time in ms (autocannon's " +
        '`response` event), not its whole-millisecond histogram. **floor**: handlers/core `createApp` with memory stores on ' +
        '@hono/node-server, nothing else. **local-aws / local-azure**: `startLocal({ inMemory: true })`, i.e. the API Gateway ' +
        'or Functions HTTP emulation + the real handler + the emulated store (dynalite / the Cosmos emulator) + the change feed, ' +
        "publisher, event bus and subscriber working in the background; local mode's log sink is `silentLogger`, so no request " +
        "lines are written (`npm start` prints them to the terminal). `hello` touches no store, so its ratio is local mode's HTTP path (front-door server, event or " +
        "HttpRequest building, the adapter, response writing; the adapters' own share is in the in-process table); `create-then-get` " +
        '(POST a note, then GET it by the returned id, per connection) adds the emulated database and the event pipeline. ' +
        '**local-aws-durable / local-azure-durable**: the same on disk, as `npm start` runs it (every write, stream change ' +
        "and event fsync'd before it is answered), create-then-get only. Local mode spreads over two cores: the emulated " +
        'DynamoDB (dynalite and its stream capture) and the AWS publisher and subscriber each run in a worker thread.',
    });
  }
  for (const p of r.http?.profiles ?? []) {
    out.push({
      title: `Where the ${p.server} server's CPU went (--cpu-prof, self time)`,
      head: ['package / file', 'ms', 'share'],
      rows: p.top.map((t) => [t.group, ms(t.ms), `${(t.share * 100).toFixed(1)} %`]),
      note: `From ${p.file} (open it in Chrome DevTools for call trees). **This run was profiled, so its load numbers are lower than an unprofiled run's.**`,
    });
  }
  if (r.programEval) {
    out.push({
      title: 'Pulumi program evaluation under mocks',
      head: [
        'clouds',
        'resources',
        'evaluation median ms',
        'min–max (IQR) ms',
        'of which require(index.ts) ms',
        'process start → done ms',
      ],
      rows: r.programEval.map((p) => [
        p.clouds,
        String(p.resources),
        ms(p.evalMs.median),
        spread(p.evalMs),
        ms(p.loadMs.median),
        ms(p.processMs.median),
      ]),
      note:
        `index.ts under \`pulumi.runtime.setMocks\` (program/mocks.ts) with the dev stack's config and \`serverless-aws-azure:clouds\` set, ` +
        `in a fresh Node process per run (${r.options.runs} runs). Evaluation runs from setMocks to the last resource registration ` +
        '(provider SDK loading, the esbuild bundling of the handlers and every resource constructor included); the last column adds ' +
        'Node, tsx and @pulumi/pulumi start-up. The Pulumi CLI and engine are not involved.',
    });
  }
  if (r.startup) {
    out.push({
      title: 'Local mode start-up',
      head: ['command', 'median ms', 'min–max (IQR) ms'],
      rows: [
        ['npm start -- --in-memory', ms(r.startup.ms.median), spread(r.startup.ms)],
        ...(r.startup.stored
          ? [
              [
                `npm start, ${r.startup.stored.notesPerCloud} notes stored per cloud`,
                ms(r.startup.stored.ms.median),
                spread(r.startup.stored.ms),
              ],
            ]
          : []),
      ],
      note:
        `From spawn until both URLs answer GET /api/health with 200 (polled every 10 ms), free ports, ${r.options.runs} runs. npm's own start-up is not included.` +
        (r.startup.stored
          ? ` The stored notes were written first over HTTP, on disk (each create durable before its answer), 16 connections: ` +
            `${r.startup.stored.createsPerS.aws.toFixed(0)} creates/s on AWS, ${r.startup.stored.createsPerS.azure.toFixed(0)} on Azure.`
          : ''),
    });
  }
  if (r.peers) out.push(...peersSections(r.peers));
  out.push({
    title: 'npm test',
    head: ['command', 'wall time', 'exit code'],
    rows: [
      r.npmTest
        ? ['npm test', `${(r.npmTest.ms / 1000).toFixed(1)} s`, String(r.npmTest.exitCode)]
        : ['npm test', 'not run (pass --with-tests)', ''],
    ],
  });
  out.push({
    title: 'Budgets',
    head: ['what', 'value', 'budget', 'status'],
    rows: budgetLines(r).map((l) => [l.what, formatBudgetValue(l), formatLimit(l), l.status]),
    note: 'Compared, never asserted: a missed budget is reported here and investigated, it does not fail anything.',
  });
  return out;
}

function mdTable(s: Section): string {
  const escapePipes = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${s.head.join(' | ')} |`,
    `|${s.head.map(() => '---').join('|')}|`,
    ...s.rows.map((row) => `| ${row.map(escapePipes).join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const parts = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/main.ts); the same numbers are in results.json beside this file. Reproduce with ' +
      '`npm run bench` (add `-- --with-tests` to time `npm test`, `-- --help` for durations and runs).',
    '',
    `- machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}`,
    `- Node ${m.node}; commit ${m.commit ?? 'unknown'}; ${m.date}; whole run ${(r.totalMs / 1000).toFixed(0)} s`,
    `- load average (1 min) when the run began: ${m.loadAverageAtStart}` +
      (m.loadAverageAtStart > m.cores * 0.5
        ? ' — **the machine was busy: other processes shared the CPU, so treat these numbers as pessimistic**'
        : ''),
    '',
  ];
  for (const s of sections(r)) {
    parts.push(`## ${s.title}`, '', mdTable(s), '');
    if (s.note) parts.push(s.note, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

export function renderTerminal(r: BenchResults): string {
  return sections(r)
    .map((s) => {
      const table = new Table({ head: s.head, style: { head: [], border: [] }, wordWrap: true });
      table.push(...s.rows);
      return `${s.title}\n${table.toString()}`;
    })
    .join('\n\n');
}
