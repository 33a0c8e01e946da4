// The Pulumi dynamic provider that publishes a package to a Flex Consumption app with One Deploy
// (POST https://<scm>/api/publish, Entra ID bearer token), as `az functionapp deployment source
// config-zip` does for Flex (Azure CLI: /api/publish?RemoteBuild=False, then /api/deployments/latest).
// Flex supports neither WEBSITE_RUN_FROM_PACKAGE nor classic zip deploy (Azure/Azure-Functions#2558).
//
// Pulumi serializes this provider's closure into the deployment. So it captures no imported module:
// every module is required inside the function that uses it, which also keeps serialization
// working under jest, whose module wrappers the closure serializer cannot recognise (pulumi/pulumi#3799).
import type * as pulumi from '@pulumi/pulumi';

export interface OneDeployInputs {
  /** ARM id of the site. */
  appId: string;
  /** Kudu host, e.g. myapp.scm.azurewebsites.net (or the regional scm host of newer apps). */
  scmHost: string;
  /** Content hash of the package: the only input whose change triggers a new deployment. */
  packageHash: string;
  /** sha256 of the zip file, checked before publishing so stale bytes are never sent. */
  zipSha256: string;
  /** Where the program staged the zip on this machine; not part of the diff. */
  zipPath: string;
  /** Functions that must be indexed before the deployment counts as done. */
  requiredFunctions: string[];
}

export interface OneDeployOutputs extends OneDeployInputs {
  deploymentId: string;
  functions: string[];
}

const armScope = 'https://management.azure.com/.default';
const armApiVersion = '2024-04-01';

export type TokenSource = () => Promise<string>;

/** Where and how fast to talk to Azure; tests point it at a loopback server. */
export interface PublishEnvironment {
  token: TokenSource;
  scmBaseUrl: (scmHost: string) => string;
  armBaseUrl: string;
  pollIntervalMs: number;
  deploymentTimeoutMs: number;
  /** pulumi/pulumi-azure#354 waited up to 5 minutes for a new function to answer. */
  indexingTimeoutMs: number;
  /** Role assignments take minutes to propagate; the first publish of a new app may be refused. */
  publishAttempts: number;
  retryDelayMs: number;
}

function azureEnvironment(): PublishEnvironment {
  return {
    token: tokenSource(),
    scmBaseUrl: (scmHost) => `https://${scmHost}`,
    armBaseUrl: 'https://management.azure.com',
    pollIntervalMs: 5_000,
    deploymentTimeoutMs: 15 * 60_000,
    indexingTimeoutMs: 5 * 60_000,
    publishAttempts: 4,
    retryDelayMs: 30_000,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tokenSource(): TokenSource {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the file comment
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  const credential = new DefaultAzureCredential();
  return async () => {
    const token = await credential.getToken(armScope);
    if (!token) throw new Error('no Azure credential available to publish the Function App package');
    return token.token;
  };
}

function readVerifiedZip(inputs: OneDeployInputs): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the file comment
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the file comment
  const crypto = require('node:crypto') as typeof import('node:crypto');
  let zip: Buffer;
  try {
    zip = fs.readFileSync(inputs.zipPath);
  } catch (error) {
    throw new Error(`the staged package ${inputs.zipPath} cannot be read (${(error as Error).message}); run pulumi up again`);
  }
  const actual = crypto.createHash('sha256').update(zip).digest('hex');
  if (actual !== inputs.zipSha256) {
    throw new Error(`the staged package ${inputs.zipPath} changed since the program built it; run pulumi up again`);
  }
  return zip;
}

interface KuduDeployment {
  id?: string;
  status?: number;
  complete?: boolean;
  status_text?: string;
  log_url?: string;
}

// Kudu DeployStatus: 3 = Failed, 4 = Success.
async function waitForDeployment(statusUrl: string, env: PublishEnvironment): Promise<KuduDeployment> {
  const deadline = Date.now() + env.deploymentTimeoutMs;
  for (;;) {
    const response = await fetch(statusUrl, { headers: { authorization: `Bearer ${await env.token()}` } });
    if (response.ok) {
      const deployment = (await response.json()) as KuduDeployment;
      if (deployment.status === 4 && deployment.complete !== false) return deployment;
      if (deployment.status === 3) {
        throw new Error(`One Deploy failed: ${deployment.status_text ?? 'no reason given'} (log: ${deployment.log_url ?? statusUrl})`);
      }
    } else if (response.status !== 404) {
      throw new Error(`One Deploy status ${statusUrl} answered ${response.status} ${await response.text()}`);
    }
    if (Date.now() > deadline) throw new Error(`One Deploy did not finish within ${env.deploymentTimeoutMs / 1000} s (${statusUrl})`);
    await sleep(env.pollIntervalMs);
  }
}

async function publishOnce(inputs: OneDeployInputs, zip: Buffer, env: PublishEnvironment): Promise<KuduDeployment> {
  const base = env.scmBaseUrl(inputs.scmHost);
  const response = await fetch(`${base}/api/publish?RemoteBuild=false&Deployer=pulumi`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await env.token()}`, 'content-type': 'application/zip' },
    body: new Uint8Array(zip),
  });
  if (response.status !== 200 && response.status !== 202) {
    throw new Error(`One Deploy to ${inputs.scmHost} answered ${response.status} ${await response.text()}`);
  }
  const statusUrl = response.headers.get('location') ?? `${base}/api/deployments/latest`;
  return waitForDeployment(statusUrl, env);
}

async function listFunctions(appId: string, env: PublishEnvironment): Promise<string[]> {
  const response = await fetch(`${env.armBaseUrl}${appId}/functions?api-version=${armApiVersion}`, {
    headers: { authorization: `Bearer ${await env.token()}` },
  });
  if (!response.ok) return [];
  const body = (await response.json()) as { value?: { name?: string }[] };
  // ARM names functions "<site>/<function>".
  return (body.value ?? []).map((f) => (f.name ?? '').split('/').pop() ?? '').filter((n) => n.length > 0);
}

async function waitForFunctions(inputs: OneDeployInputs, env: PublishEnvironment): Promise<string[]> {
  const deadline = Date.now() + env.indexingTimeoutMs;
  for (;;) {
    const names = await listFunctions(inputs.appId, env);
    const missing = inputs.requiredFunctions.filter((f) => !names.includes(f));
    if (missing.length === 0) return names.sort();
    if (Date.now() > deadline) {
      throw new Error(`the package deployed but these functions were not indexed within ${env.indexingTimeoutMs / 1000} s: ${missing.join(', ')}`);
    }
    await sleep(env.pollIntervalMs);
  }
}

/** Publishes the staged zip, waits for the deployment and for the functions to be indexed. */
export async function publish(inputs: OneDeployInputs, env: PublishEnvironment = azureEnvironment()): Promise<OneDeployOutputs> {
  const zip = readVerifiedZip(inputs);
  let lastError: unknown;
  for (let attempt = 1; attempt <= env.publishAttempts; attempt++) {
    try {
      const deployment = await publishOnce(inputs, zip, env);
      const functions = await waitForFunctions(inputs, env);
      return { ...inputs, deploymentId: deployment.id ?? '', functions };
    } catch (error) {
      lastError = error;
      if (attempt < env.publishAttempts) await sleep(env.retryDelayMs * attempt);
    }
  }
  throw lastError;
}

/** Keyed on the package hash and the target app: a moved staging path or new machine is no diff. */
export function oneDeployDiff(olds: OneDeployInputs, news: OneDeployInputs): pulumi.dynamic.DiffResult {
  const keys = ['packageHash', 'appId', 'scmHost', 'requiredFunctions'] as const;
  const changed = keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
  return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
}

export const oneDeployProvider: pulumi.dynamic.ResourceProvider<OneDeployInputs, OneDeployOutputs> = {
  async diff(_id, olds, news) {
    return oneDeployDiff(olds, news);
  },
  async create(inputs) {
    return { id: `${inputs.appId}/onedeploy`, outs: await publish(inputs) };
  },
  async update(_id, _olds, news) {
    return { outs: await publish(news) };
  },
  // Deleting the app deletes its code; a package left in the container is harmless.
  async delete() {},
};
