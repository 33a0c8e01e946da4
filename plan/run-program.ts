/**
 * Runs the Pulumi program in this process under mocks: no CLI, no engine, no credentials.
 * Config must be in place before the program is loaded (pulumi/pulumi#16042), and the program
 * must be loaded fresh for each run, so callers pass a `load` function (plain `require` in a CLI,
 * `jest.isolateModules` in tests).
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, type RecordedResource, type RecordingMocks } from '../program/mocks';

export interface ProgramRun {
  resources: RecordedResource[];
  /** The program's exports, with every Output resolved. */
  outputs: Record<string, unknown>;
  invokes: string[];
}

export interface RunOptions {
  project: string;
  stack: string;
  /** Full keys, e.g. `aws:region`, `serverless-aws-azure:clouds`; values as Pulumi passes them (strings). */
  config: Readonly<Record<string, string>>;
  /** Loads the program and returns its module exports. */
  load: () => Record<string, unknown>;
}

export async function runProgram(options: RunOptions): Promise<ProgramRun> {
  // As `pulumi preview`: nothing is written or published (isDryRun), and since the mocks answer
  // every output, resources created inside `apply` still show up.
  const mocks = installMocks({
    config: { ...options.config },
    project: options.project,
    stack: options.stack,
    preview: true,
  });
  const exports = options.load();
  const outputs = await resolveAll(exports);
  await settled(mocks);
  return { resources: [...mocks.resources], outputs, invokes: [...mocks.calls] };
}

/** Every exported value with its Outputs resolved. */
async function resolveAll(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(exports).map(async ([key, value]) => [key, await resolve(value)] as const),
  );
  return Object.fromEntries(entries);
}

function resolve(value: unknown): Promise<unknown> {
  return new Promise((done) => {
    // `output()` of an unknown value types as never; the value is whatever the program exported.
    (pulumi.output(value) as pulumi.Output<unknown>).apply((resolved) => {
      done(resolved);
      return resolved;
    });
  });
}

/**
 * Resources created inside `apply` register after the outputs they wait for resolve, so the
 * registrations are over only once nothing new has arrived for a while.
 */
async function settled(mocks: RecordingMocks, quietMs = 100, limitMs = 60_000): Promise<void> {
  const start = Date.now();
  let count = -1;
  while (count !== mocks.resources.length && Date.now() - start < limitMs) {
    count = mocks.resources.length;
    await new Promise((wake) => setTimeout(wake, quietMs));
  }
}
