// The Pulumi dynamic provider that publishes a package to a Flex Consumption app with One Deploy
// (POST https://<scm>/api/publish, Entra ID bearer token), as `az functionapp deployment source
// config-zip` does for Flex (Azure CLI enable_zip_deploy_flex: /api/publish?RemoteBuild=False).
// Flex supports neither WEBSITE_RUN_FROM_PACKAGE nor classic zip deploy (Azure/Azure-Functions#2558).
//
// Pulumi serializes this provider's closure into the deployment. So it captures no imported module:
// every module is required inside the function that uses it, which also keeps serialization
// working under jest, whose module wrappers the closure serializer cannot recognise (pulumi/pulumi#3799).
// That is also why the token, the error classes and the publish flow share this one file.
import type * as pulumi from '@pulumi/pulumi';
import type { TokenCredential } from '@azure/identity';

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

/**
 * The audience the Azure CLI holds a token for after `az login` (its active_directory_resource_id),
 * which is also what `az functionapp deployment source config-zip` sends to Kudu (get_raw_token with
 * no resource). Kudu has refused tokens for https://management.azure.com (projectkudu/kudu#2957,
 * microsoft/vscode-azure-account#343); ARM accepts both audiences, so one token serves both calls.
 */
export const kuduTokenScope = 'https://management.core.windows.net//.default';
const armApiVersion = '2024-04-01';

export type TokenSource = () => Promise<string>;

/**
 * Why publishing stopped. `auth`, `config` and `not-indexed` end at once (retrying cannot help; the
 * message says what to do). `transient` is retried with backoff and `deployment-failed` published
 * again a bounded number of times, both only while the time budget lasts.
 */
export type OneDeployErrorKind = 'auth' | 'config' | 'transient' | 'deployment-failed' | 'not-indexed';

export class OneDeployError extends Error {
  constructor(
    readonly kind: OneDeployErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OneDeployError';
  }
}

/** Where and how fast to talk to Azure; tests point it at a loopback server and a virtual clock. */
export interface PublishEnvironment {
  token: TokenSource;
  scmBaseUrl: (scmHost: string) => string;
  armBaseUrl: string;
  pollIntervalMs: number;
  /** Everything publish does, retries included, ends within this. */
  totalBudgetMs: number;
  /** pulumi/pulumi-azure#354 waited up to 5 minutes for a new function to answer. */
  indexingTimeoutMs: number;
  /** One HTTP request (the upload included) may take this long before it counts as transient. */
  requestTimeoutMs: number;
  /** Backoff of retried failures: first delay, doubled each time up to retryMaxDelayMs. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /**
   * Failed deployments (Kudu status 3) published again, this long apart: on a first run the app's
   * identity may not yet hold its storage role (Azure RBAC troubleshooting: role assignment changes
   * can take up to 10 minutes to apply), so the retries together span about that long.
   */
  failedDeploymentRetries: number;
  failedDeploymentDelayMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * deploy.yml gives the whole job 60 minutes; the rest of `pulumi up` (Cosmos DB alone takes several)
 * needs the remainder, so publishing gives up after 25.
 */
export const publishBudgetMs = 25 * 60_000;
/** A request in flight when the budget ends may still take this long (the upload included). */
export const publishRequestTimeoutMs = 2 * 60_000;

function azureEnvironment(): PublishEnvironment {
  return {
    token: tokenSource(),
    scmBaseUrl: (scmHost) => `https://${scmHost}`,
    armBaseUrl: 'https://management.azure.com',
    pollIntervalMs: 5_000,
    totalBudgetMs: publishBudgetMs,
    indexingTimeoutMs: 5 * 60_000,
    requestTimeoutMs: publishRequestTimeoutMs,
    retryBaseDelayMs: 15_000,
    retryMaxDelayMs: 2 * 60_000,
    failedDeploymentRetries: 4,
    failedDeploymentDelayMs: 2 * 60_000,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

// ---------------------------------------------------------------------------------------------
// The token

/** GitHub Actions with `id-token: write` and the identity to sign in as (deploy.yml's environment). */
export interface GitHubOidc {
  requestUrl: string;
  requestToken: string;
  tenantId: string;
  clientId: string;
}

export function gitHubOidcFrom(env: NodeJS.ProcessEnv): GitHubOidc | undefined {
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  const clientId = env.ARM_CLIENT_ID || env.AZURE_CLIENT_ID;
  const tenantId = env.ARM_TENANT_ID || env.AZURE_TENANT_ID;
  if (!requestUrl || !requestToken || !clientId || !tenantId) return undefined;
  return { requestUrl, requestToken, tenantId, clientId };
}

/**
 * A fresh GitHub OIDC token for Entra's federated credential, asked for at each sign-in. The one
 * azure/login redeemed expires minutes later (Azure/login#372, Azure/azure-cli#28708), long before
 * this step runs. Request as in GitHub's docs ("Configuring OpenID Connect in cloud providers":
 * `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=…`, bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, answer `{ value }`).
 */
export async function gitHubAssertion(oidc: GitHubOidc): Promise<string> {
  const url = new URL(oidc.requestUrl);
  url.searchParams.set('audience', 'api://AzureADTokenExchange');
  const response = await fetch(url, { headers: { authorization: `bearer ${oidc.requestToken}` } });
  const body = response.ok ? ((await response.json()) as { value?: unknown }) : {};
  if (typeof body.value !== 'string' || body.value === '') {
    throw new Error(
      `GitHub's OIDC endpoint answered ${response.status} without a token; the job needs "permissions: id-token: write"`,
    );
  }
  return body.value;
}

/**
 * In GitHub Actions: a client assertion credential that fetches a new GitHub token whenever Entra
 * needs one. Elsewhere: DefaultAzureCredential, which finds `az login` on a workstation.
 */
export function deployCredential(env: NodeJS.ProcessEnv, identity: typeof import('@azure/identity')): TokenCredential {
  const oidc = gitHubOidcFrom(env);
  if (oidc) return new identity.ClientAssertionCredential(oidc.tenantId, oidc.clientId, () => gitHubAssertion(oidc));
  return new identity.DefaultAzureCredential();
}

/** Tokens for Kudu (and ARM) from a credential; a credential that cannot sign in is an `auth` error. */
export function tokenFromCredential(credential: TokenCredential): TokenSource {
  return async () => {
    let token: { token: string } | null;
    try {
      token = await credential.getToken(kuduTokenScope);
    } catch (error) {
      throw new OneDeployError(
        'auth',
        `no Azure token to publish the Function App package (${(error as Error).message}). ` +
          'Locally: az login. In GitHub Actions: "permissions: id-token: write" and ARM_CLIENT_ID/ARM_TENANT_ID of an identity with a federated credential for this workflow.',
      );
    }
    if (!token?.token)
      throw new OneDeployError('auth', 'the Azure credential returned no token to publish the Function App package');
    return token.token;
  };
}

function tokenSource(): TokenSource {
  // require, not import: see the file comment
  const identity = require('@azure/identity') as typeof import('@azure/identity');
  return tokenFromCredential(deployCredential(process.env, identity));
}

// ---------------------------------------------------------------------------------------------
// HTTP and error classes

function readVerifiedZip(inputs: OneDeployInputs): Buffer {
  // require, not import: see the file comment
  const fs = require('node:fs') as typeof import('node:fs');
  // require, not import: see the file comment
  const crypto = require('node:crypto') as typeof import('node:crypto');
  let zip: Buffer;
  try {
    zip = fs.readFileSync(inputs.zipPath);
  } catch (error) {
    throw new OneDeployError(
      'config',
      `the staged package ${inputs.zipPath} cannot be read (${(error as Error).message}); run pulumi up again`,
    );
  }
  const actual = crypto.createHash('sha256').update(zip).digest('hex');
  if (actual !== inputs.zipSha256) {
    throw new OneDeployError(
      'config',
      `the staged package ${inputs.zipPath} changed since the program built it; run pulumi up again`,
    );
  }
  return zip;
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** What an HTTP answer that is not a success means for `what` (e.g. "Kudu /api/publish"). */
export async function classifyResponse(response: Response, what: string): Promise<OneDeployError> {
  const detail = `${what} answered ${response.status} ${(await response.text()).slice(0, 500)}`.trim();
  const status = response.status;
  if (status === 401) {
    return new OneDeployError(
      'auth',
      `${detail}: the token was refused; it must be for ${kuduTokenScope} of the subscription's tenant`,
    );
  }
  if (status === 403) {
    return new OneDeployError(
      'auth',
      `${detail}: the deploying identity may not publish to this app; it needs Microsoft.Web/sites/publish/Action and Microsoft.Web/sites/functions/read (deploy/permissions/azure-deployer-role.json)`,
    );
  }
  // 409: another deployment is running; 408/429/5xx: Kudu or ARM is busy or restarting.
  if (status === 408 || status === 409 || status === 429 || status >= 500) {
    return new OneDeployError('transient', detail, retryAfterMs(response));
  }
  return new OneDeployError(
    'config',
    `${detail}: the request itself was refused; check that the app is on Flex Consumption and the package is a valid zip`,
  );
}

/** A request whose failure to connect or answer in time is transient. */
async function request(url: string, init: RequestInit, env: PublishEnvironment, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(env.requestTimeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new OneDeployError('transient', `${what} did not answer (${cause}: ${(error as Error).message})`);
  }
}

async function authorized(env: PublishEnvironment): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await env.token()}` };
}

/** Runs `step` until it succeeds, retrying transient errors with backoff; none outlives `deadline`. */
async function withRetries<T>(
  step: () => Promise<T>,
  deadline: number,
  env: PublishEnvironment,
  what: string,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof OneDeployError) || error.kind !== 'transient') throw error;
      const backoff = Math.min(env.retryMaxDelayMs, env.retryBaseDelayMs * 2 ** (attempt - 1));
      const delay = Math.min(env.retryMaxDelayMs, Math.max(backoff, error.retryAfterMs ?? 0));
      if (env.now() + delay > deadline) {
        throw new OneDeployError(
          'transient',
          `${what} gave up after ${attempt} attempts within its time budget; last error: ${error.message}`,
        );
      }
      await env.sleep(delay);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Kudu: start a deployment, follow that one deployment

interface KuduDeployment {
  id?: string;
  status?: number;
  complete?: boolean;
  status_text?: string;
  log_url?: string;
}

/**
 * One Deploy deployment statuses (Microsoft, Azure/azure-dev#3658): -1 Cancelled, 0 Pending,
 * 1 Building, 2 Deploying, 3 Failed, 4 Success, 5 Conflict, 6 PartialSuccess. Core Tools
 * (PublishFunctionAppAction, PerformFlexDeployment) fails on 3 and 5 and warns on 6.
 */
export const kuduStatus = { cancelled: -1, failed: 3, success: 4, conflict: 5, partialSuccess: 6 } as const;

const deploymentIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * The URL of the deployment this publish started: /api/publish answers with its id in the body
 * (Azure/azure-dev#3658); failing that, a Location naming it (resolved against the SCM URL, since
 * it may be relative). Never /api/deployments/latest, which may still be the previous deployment.
 */
export function startedDeploymentUrl(
  base: string,
  body: string,
  location: string | null,
): { url: string; id?: string } {
  const id = body.trim().replace(/^"(.*)"$/, '$1');
  if (deploymentIdPattern.test(id)) return { url: `${base}/api/deployments/${id}`, id };
  if (location) {
    const url = new URL(location, `${base}/`).toString();
    if (!/\/api\/deployments\/latest\/?$/i.test(new URL(url).pathname)) return { url };
  }
  throw new OneDeployError(
    'config',
    `Kudu accepted the package but named no deployment to follow (body ${JSON.stringify(body.slice(0, 100))}, Location ${location ?? 'none'})`,
  );
}

async function startDeployment(
  inputs: OneDeployInputs,
  zip: Buffer,
  env: PublishEnvironment,
): Promise<{ url: string; id?: string }> {
  const base = env.scmBaseUrl(inputs.scmHost);
  const what = `One Deploy to ${inputs.scmHost}`;
  const response = await request(
    `${base}/api/publish?RemoteBuild=false&Deployer=pulumi`,
    {
      method: 'POST',
      headers: { ...(await authorized(env)), 'content-type': 'application/zip' },
      body: new Uint8Array(zip),
    },
    env,
    what,
  );
  if (response.status !== 200 && response.status !== 202) throw await classifyResponse(response, what);
  return startedDeploymentUrl(base, await response.text(), response.headers.get('location'));
}

/** Polls the started deployment until Kudu reports a final status. */
async function waitForDeployment(
  started: { url: string; id?: string },
  deadline: number,
  env: PublishEnvironment,
): Promise<KuduDeployment> {
  const what = `One Deploy status ${started.url}`;
  for (;;) {
    const deployment = await withRetries(
      async () => {
        const response = await request(started.url, { headers: await authorized(env) }, env, what);
        // A deployment Kudu has not recorded yet: keep asking.
        if (response.status === 404) return undefined;
        if (!response.ok) throw await classifyResponse(response, what);
        return (await response.json()) as KuduDeployment;
      },
      deadline,
      env,
      what,
    );
    const logs = `(log: ${deployment?.log_url ?? started.url})`;
    const reason = deployment?.status_text || 'no reason given';
    if (deployment && (started.id === undefined || deployment.id === undefined || deployment.id === started.id)) {
      switch (deployment.status) {
        case kuduStatus.success:
          if (deployment.complete !== false) return deployment;
          break;
        case kuduStatus.partialSuccess:
          // Core Tools only warns; whether the functions are there is checked next.
          return deployment;
        case kuduStatus.failed:
          throw new OneDeployError('deployment-failed', `One Deploy failed: ${reason} ${logs}`);
        case kuduStatus.conflict:
          throw new OneDeployError('transient', `One Deploy was refused: another deployment is in progress ${logs}`);
        case kuduStatus.cancelled:
          throw new OneDeployError(
            'config',
            `One Deploy was cancelled (a newer deployment replaced it?): ${reason} ${logs}`,
          );
      }
    }
    if (env.now() + env.pollIntervalMs > deadline) {
      throw new OneDeployError(
        'transient',
        `One Deploy did not finish within its time budget (last status ${deployment?.status ?? 'unknown'}) ${logs}`,
      );
    }
    await env.sleep(env.pollIntervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// ARM: are the functions indexed?

async function listFunctions(appId: string, env: PublishEnvironment): Promise<string[]> {
  const what = `ARM ${appId}/functions`;
  const response = await request(
    `${env.armBaseUrl}${appId}/functions?api-version=${armApiVersion}`,
    { headers: await authorized(env) },
    env,
    what,
  );
  // A site that has indexed nothing yet may answer 404.
  if (response.status === 404) return [];
  if (!response.ok) throw await classifyResponse(response, what);
  const body = (await response.json()) as { value?: { name?: string }[] };
  // ARM names functions "<site>/<function>".
  return (body.value ?? []).map((f) => (f.name ?? '').split('/').pop() ?? '').filter((n) => n.length > 0);
}

async function waitForFunctions(
  inputs: OneDeployInputs,
  budgetDeadline: number,
  env: PublishEnvironment,
): Promise<string[]> {
  const deadline = Math.min(budgetDeadline, env.now() + env.indexingTimeoutMs);
  for (;;) {
    const names = await withRetries(
      () => listFunctions(inputs.appId, env),
      deadline,
      env,
      `ARM ${inputs.appId}/functions`,
    );
    const missing = inputs.requiredFunctions.filter((f) => !names.includes(f));
    if (missing.length === 0) return names.sort();
    if (env.now() + env.pollIntervalMs > deadline) {
      throw new OneDeployError(
        'not-indexed',
        `the package deployed but these functions were not indexed in time: ${missing.join(', ')} (indexed: ${names.join(', ') || 'none'}); check the app's logs for a start-up error`,
      );
    }
    await env.sleep(env.pollIntervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The whole publish

/**
 * Publishes the staged zip, follows the deployment it started and waits for the functions to be
 * indexed. Auth and configuration errors end at once; transient ones (and failed deployments, a
 * bounded number of times) are retried with backoff; nothing runs past env.totalBudgetMs.
 */
export async function publish(
  inputs: OneDeployInputs,
  env: PublishEnvironment = azureEnvironment(),
): Promise<OneDeployOutputs> {
  const zip = readVerifiedZip(inputs);
  const deadline = env.now() + env.totalBudgetMs;
  let failures = 0;
  for (;;) {
    try {
      const deployment = await withRetries(
        async () => waitForDeployment(await startDeployment(inputs, zip, env), deadline, env),
        deadline,
        env,
        `One Deploy to ${inputs.scmHost}`,
      );
      const functions = await waitForFunctions(inputs, deadline, env);
      return { ...inputs, deploymentId: deployment.id ?? '', functions };
    } catch (error) {
      const deploymentFailed = error instanceof OneDeployError && error.kind === 'deployment-failed';
      if (!deploymentFailed || failures >= env.failedDeploymentRetries) throw error;
      failures++;
      if (env.now() + env.failedDeploymentDelayMs > deadline) throw error;
      await env.sleep(env.failedDeploymentDelayMs);
    }
  }
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
