// Size of every deployable bundle, built exactly as the Pulumi program builds it (program/bundle/index.ts).
import { gzipSync } from 'node:zlib';
import { AWS_FUNCTIONS } from '../contract/aws';
import { buildAwsBundles, buildAzurePackage, zipBundle, type Bundle } from '../program/bundle';

export interface BundleTarget {
  /** aws-api, aws-publisher, aws-subscriber, azure */
  name: string;
  /** The file the runtime loads first. */
  mainFile: string;
  bundle: Bundle;
  /** Modules the runtime provides, so they are resolved outside the bundle when it is loaded. */
  providedByRuntime: string;
}

export interface BundleSize {
  name: string;
  /** Minified JavaScript of the main file (no source map). */
  minifiedBytes: number;
  /** The same, gzip level 9: roughly what crosses the network on deploy. */
  gzipBytes: number;
  /** The whole zip that is uploaded (JS, map, licences, host.json...). */
  zipBytes: number;
}

export interface BundleBuild {
  targets: BundleTarget[];
  /** Time to build all four bundles once with esbuild, in this process. */
  buildMs: number;
}

export function buildTargets(): BundleBuild {
  const started = performance.now();
  const aws = buildAwsBundles({ cache: false });
  const azure = buildAzurePackage({ cache: false });
  const buildMs = performance.now() - started;
  const targets: BundleTarget[] = AWS_FUNCTIONS.map((name) => ({
    name: `aws-${name}`,
    mainFile: 'index.js',
    bundle: aws[name],
    providedByRuntime: 'the AWS SDK v3 (@aws-sdk/*, in the nodejs22.x runtime)',
  }));
  targets.push({
    name: 'azure',
    mainFile: 'dist/index.js',
    bundle: azure,
    providedByRuntime: '@azure/functions-core (the Functions host)',
  });
  return { targets, buildMs };
}

export function measureSize(target: BundleTarget): BundleSize {
  const main = target.bundle.files[target.mainFile];
  if (!main) throw new Error(`${target.name}: the bundle has no ${target.mainFile}`);
  return {
    name: target.name,
    minifiedBytes: main.length,
    gzipBytes: gzipSync(main, { level: 9 }).length,
    zipBytes: zipBundle(target.bundle).length,
  };
}
