// Runs index.ts once under Pulumi mocks in this (fresh) process and prints its timings as one JSON
// line. Started by program-eval.ts: `node --import tsx bench/program-eval-child.ts <clouds>`.
import { resolve } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { RecordingMocks } from '../program/mocks';
import { readStackConfig } from '../plan/stack-config';
import { CLOUDS, PROJECT } from '../program/config';

const root = resolve(__dirname, '..');

/** Remembers when the last resource was registered: the program is done once none arrive any more. */
class TimedMocks extends RecordingMocks {
  lastRegistrationAt = 0;

  override newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    this.lastRegistrationAt = performance.now();
    return super.newResource(args);
  }
}

function resolved(value: unknown): Promise<unknown> {
  // `output()` of an unknown value types as never; the value is whatever the program exported.
  return new Promise((done) =>
    (pulumi.output(value) as pulumi.Output<unknown>).apply((v) => {
      done(v);
      return v;
    }),
  );
}

async function quiet(mocks: TimedMocks, quietMs: number, limitMs: number): Promise<void> {
  const start = performance.now();
  let count = -1;
  while (count !== mocks.resources.length && performance.now() - start < limitMs) {
    count = mocks.resources.length;
    await new Promise((wake) => setTimeout(wake, quietMs));
  }
}

async function main(): Promise<void> {
  const clouds = process.argv[2] ?? '';
  if (!(CLOUDS as readonly string[]).includes(clouds))
    throw new Error(`clouds must be one of ${CLOUDS.join(', ')}, not "${clouds}"`);
  // The dev stack's config, as the CLI would hand it over, with the clouds under test.
  const { config } = readStackConfig(root, 'dev');
  config[`${PROJECT}:clouds`] = clouds;

  const mocks = new TimedMocks(config);
  const started = performance.now();
  await pulumi.runtime.setMocks(mocks, PROJECT, 'bench', false);
  pulumi.runtime.setAllConfig(config);
  // require, not import: it must load after the mocks and config
  const exports = require('../index') as Record<string, unknown>;
  const loadedAt = performance.now();
  await Promise.all(Object.values(exports).map(resolved));
  const outputsAt = performance.now();
  // Resources created inside apply() come after the outputs they wait for; the quiet wait itself is not counted.
  await quiet(mocks, 200, 60_000);
  const doneAt = Math.max(outputsAt, mocks.lastRegistrationAt);
  process.stdout.write(
    `${JSON.stringify({
      evalMs: doneAt - started,
      loadMs: loadedAt - started,
      /** Since this process started: Node, tsx and @pulumi/pulumi's own loading included. */
      processMs: doneAt,
      resources: mocks.resources.length,
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
