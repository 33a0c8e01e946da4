// `--cold-starts N`: picks the forcers for where the URLs came from (the stack's outputs: the real
// clouds with the deployer's credentials; local mode: fresh local-mode processes) and runs them.
import { join } from 'node:path';
import type { Discovery } from '../discover';
import { UsageError } from '../errors';
import type { Cloud } from '../types';
import { ForcerConfigurationError, type ColdStartForcer } from './forcer';
import { localForcer } from './local-forcer';
import { runColdStarts, timedFirstRequest, type ColdStartReport } from './run-cold-starts';
import { coldStartTargetsFromOutputs } from './targets';

const REPO_ROOT = join(__dirname, '..', '..');

export async function runColdStartMode(
  discovery: Discovery,
  count: number,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<ColdStartReport> {
  let forcers: ColdStartForcer[];
  let urlOf: (cloud: Cloud) => string;
  if (discovery.kind === 'local') {
    const local = { aws: localForcer('aws', REPO_ROOT), azure: localForcer('azure', REPO_ROOT) };
    forcers = [local.aws, local.azure];
    urlOf = (cloud) => local[cloud].url();
  } else if (discovery.kind === 'pulumi') {
    const targets = coldStartTargetsFromOutputs(discovery.outputs);
    progress(
      `forcing cold starts with the deployer's credentials: ${targets.aws.functionName} (AWS), ${targets.azure.functionAppName} (Azure)`,
    );
    // The cloud SDKs load only here: a scenario run of compare never pays for them.
    const [{ awsClients, awsForcer }, { azureForcer }, { DefaultAzureCredential }] = await Promise.all([
      import('./aws-forcer'),
      import('./azure-forcer'),
      import('@azure/identity'),
    ]);
    forcers = [
      awsForcer(targets.aws, awsClients(targets.aws.region)),
      azureForcer(targets.azure, { credential: new DefaultAzureCredential() }),
    ];
    urlOf = (cloud) => discovery.urls[cloud];
  } else {
    throw new UsageError(
      '--cold-starts needs to know what to restart: use the stack (pulumi) or local mode, not --aws/--azure',
    );
  }
  try {
    return await runColdStarts(forcers, count, (cloud) => timedFirstRequest(urlOf(cloud), timeoutMs), progress);
  } catch (error) {
    if (error instanceof ForcerConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}

/** 0 when every forced cold start answered its first request with 2xx. */
export const coldStartsPassed = (report: ColdStartReport) =>
  report.clouds.every(
    (c) =>
      c.samples.length === report.count &&
      c.samples.every((s) => s.status !== undefined && s.status >= 200 && s.status < 300),
  );
