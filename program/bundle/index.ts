// Handler bundles for the Pulumi program: built once per process, deterministic, hashed.
// Contract: docs/ARCHITECTURE.md "Bundles". Pulumi-time code, so it lives with the program, not the handlers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_FUNCTIONS, type AwsFunctionName } from '../../contract/aws';
import { buildEntry } from './esbuild';
import { makeBundle, type Bundle } from './content-hash';
import { zipBundle } from './zip';

export type { Bundle, AwsFunctionName };
export { zipBundle };

/** The repository root: esbuild's working directory, so recorded paths never depend on the clone's location. */
export const repoRoot = path.resolve(__dirname, '..', '..');

export interface AwsBundleOptions {
  /** Entry files relative to the repository root; defaults to handlers/aws/<name>.ts. */
  entries?: Record<AwsFunctionName, string>;
  /** Reuse an earlier build of the same entries in this process (default true). */
  cache?: boolean;
  /** How the AWS SDK v3 ships (default AWS_SDK_SHIPPING): left to the runtime, or bundled and tree-shaken. */
  sdk?: AwsSdkShipping;
}

export type AwsSdkShipping = 'external' | 'bundled';

export interface AzurePackageOptions {
  /** Entry that registers the Functions v4 app; defaults to handlers/azure/index.ts. */
  entry?: string;
  /** host.json copied byte for byte; defaults to handlers/azure/host.json. */
  hostJson?: string;
  cache?: boolean;
}

// One entry file per function, named after it.
const defaultAwsEntries = Object.fromEntries(AWS_FUNCTIONS.map((fn) => [fn, `handlers/aws/${fn}.ts`])) as Record<
  AwsFunctionName,
  string
>;

// The nodejs22.x runtime ships AWS SDK v3 (its version is not ours to pick). Which way is faster to
// start is measured by `npm run bench` (the Lambda init section); the decision and its figures: README.
export const AWS_SDK_SHIPPING: AwsSdkShipping = 'external';
const awsExternal = ['@aws-sdk/*'];
// hono answers with fetch's Response: in the Lambda bundles, lite classes stand in for Node's (which
// load undici on every cold start); docs/ARCHITECTURE.md "Bundles" says how they stay faithful.
const awsInject = ['handlers/core/lite-fetch/index.ts'];
/**
 * NODE_OPTIONS of every Lambda function: stack traces mapped back to the TypeScript sources through
 * the bundles' linked maps. Its cost at init and on the first error is measured by `npm run bench`.
 */
export const AWS_NODE_OPTIONS = '--enable-source-maps';
// Provided by the Functions host at run time and not published to npm
// (Azure/azure-functions-nodejs-library#201).
const azureExternal = ['@azure/functions-core'];

// Lambda's handler setting is `index.handler`.
const awsOutFile = 'index.js';
const azureOutFile = 'dist/index.js';

const cache = new Map<string, unknown>();

function cached<T>(key: string, useCache: boolean | undefined, build: () => T): T {
  if (useCache === false) return build();
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}

/** One bundle per AWS function: `index.js`, `index.js.map` (and `index.js.LEGAL.txt` when licences apply). */
export function buildAwsBundles(options: AwsBundleOptions = {}): Record<AwsFunctionName, Bundle> {
  const entries = options.entries ?? defaultAwsEntries;
  const sdk = options.sdk ?? AWS_SDK_SHIPPING;
  return cached(`aws:${sdk}:${JSON.stringify(entries)}`, options.cache, () => {
    const bundles = {} as Record<AwsFunctionName, Bundle>;
    for (const name of AWS_FUNCTIONS) {
      const external = sdk === 'external' ? awsExternal : [];
      const files = buildEntry({
        entry: entries[name],
        workingDir: repoRoot,
        outFile: awsOutFile,
        external,
        inject: awsInject,
      });
      bundles[name] = makeBundle(files);
    }
    return bundles;
  });
}

// Everything is bundled, so the app needs no node_modules and no remote build.
const azurePackageJson = {
  name: 'serverless-aws-azure-functions',
  version: '1.0.0',
  private: true,
  main: azureOutFile,
  dependencies: {},
};

/** A complete Function App package: host.json, package.json, dist/index.js(.map). */
export function buildAzurePackage(options: AzurePackageOptions = {}): Bundle {
  const entry = options.entry ?? 'handlers/azure/index.ts';
  const hostJsonPath = options.hostJson ?? 'handlers/azure/host.json';
  return cached(`azure:${JSON.stringify([entry, hostJsonPath])}`, options.cache, () => {
    const hostJson = readHostJson(path.resolve(repoRoot, hostJsonPath));
    const files = buildEntry({ entry, workingDir: repoRoot, outFile: azureOutFile, external: azureExternal });
    files['host.json'] = hostJson;
    files['package.json'] = Buffer.from(`${JSON.stringify(azurePackageJson, null, 2)}\n`, 'utf8');
    return makeBundle(files);
  });
}

function readHostJson(file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read host.json at ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || (parsed as { version?: unknown }).version !== '2.0') {
      throw new Error('it must be an object with "version": "2.0"');
    }
  } catch (error) {
    throw new Error(`invalid host.json at ${file}: ${(error as Error).message}`);
  }
  return bytes;
}
