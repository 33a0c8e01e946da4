// The code deployment: the package is staged on disk under its content hash and published with
// One Deploy by a dynamic resource (one-deploy.ts) that re-runs only when the hash changes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { oneDeployProvider, type OneDeployInputs } from './one-deploy';

/** A Function App package: the zip bytes and the content hash of the files inside. */
export interface AppPackage {
  zip: Buffer;
  hash: string;
}

export const defaultStagingDir = path.join(os.tmpdir(), 'serverless-aws-azure', 'azure-packages');

export function validatePackage(appPackage: AppPackage): void {
  if (!/^[0-9a-f]{64}$/.test(appPackage.hash)) {
    throw new Error(
      `the Azure package hash must be 64 lower-case hex characters (sha256), got ${JSON.stringify(appPackage.hash)}`,
    );
  }
  // A zip starts with a local file header "PK\x03\x04".
  if (appPackage.zip.length < 4 || appPackage.zip.readUInt32LE(0) !== 0x04034b50) {
    throw new Error('the Azure package is not a zip archive');
  }
}

/** The file name the package is staged under: changes exactly when the code does. */
export function packageFileName(appPackage: AppPackage): string {
  return `${appPackage.hash}.zip`;
}

/**
 * Writes the zip once per hash (content-addressed, so concurrent runs write the same bytes).
 * A preview publishes nothing, so it only computes where the zip would go.
 */
export function stagePackage(
  appPackage: AppPackage,
  stagingDir: string,
  write = !pulumi.runtime.isDryRun(),
): { zipPath: string; zipSha256: string } {
  validatePackage(appPackage);
  const zipPath = path.join(stagingDir, packageFileName(appPackage));
  const zipSha256 = createHash('sha256').update(appPackage.zip).digest('hex');
  if (!write) return { zipPath, zipSha256 };
  fs.mkdirSync(stagingDir, { recursive: true });
  const existing = fs.existsSync(zipPath) ? fs.readFileSync(zipPath) : undefined;
  if (!existing?.equals(appPackage.zip)) {
    const temporary = `${zipPath}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, appPackage.zip);
    fs.renameSync(temporary, zipPath);
  }
  return { zipPath, zipSha256 };
}

type OneDeployArgs = { [K in keyof OneDeployInputs]: pulumi.Input<OneDeployInputs[K]> };

export class FlexPackageDeployment extends pulumi.dynamic.Resource {
  declare readonly packageHash: pulumi.Output<string>;
  declare readonly functions: pulumi.Output<string[]>;

  constructor(name: string, args: OneDeployArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      oneDeployProvider,
      name,
      { ...args, deploymentId: undefined, functions: undefined },
      opts,
      'azure',
      'FlexPackageDeployment',
    );
  }
}

export interface CodeDeploymentArgs {
  appPackage: AppPackage;
  stagingDir: string;
  appId: pulumi.Input<string>;
  scmHost: pulumi.Input<string>;
  requiredFunctions: string[];
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

export function createCodeDeployment(
  name: string,
  args: CodeDeploymentArgs,
  parent: pulumi.Resource,
): FlexPackageDeployment {
  const { zipPath, zipSha256 } = stagePackage(args.appPackage, args.stagingDir);
  return new FlexPackageDeployment(
    `${name}-code`,
    {
      appId: args.appId,
      scmHost: args.scmHost,
      packageHash: args.appPackage.hash,
      zipSha256,
      zipPath,
      requiredFunctions: args.requiredFunctions,
    },
    { parent, dependsOn: args.dependsOn },
  );
}
