// Where the two URLs come from, first that works: --aws/--azure, then `pulumi stack output --json` when
// the pulumi CLI is on PATH, then a running local mode (.local/urls.json + GET /api/health).
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_URLS_FILE } from '../local/urls-file';
import { UsageError } from './errors';
import { createClient } from './http-client';
import { checkBaseUrl } from './options';
import type { CloudUrls } from './types';

export interface Discovery {
  kind: 'flags' | 'pulumi' | 'local';
  detail: string;
  urls: CloudUrls;
  /** With `pulumi`: every stack output (compare --cold-starts reads the endpoints' resource names). */
  outputs?: unknown;
}

export interface DiscoverEnv {
  cwd: string;
  /** The PATH to look for `pulumi` in. */
  path: string | undefined;
  timeoutMs: number;
}

const PULUMI_TIMEOUT_MS = 60_000;

/** The full path of an executable on PATH, or undefined. */
export function findOnPath(name: string, path: string | undefined): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    for (const candidate of names.map((n) => join(dir, n))) {
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here: keep looking
      }
    }
  }
  return undefined;
}

function urlOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { url?: unknown }).url === 'string') {
    return (value as { url: string }).url;
  }
  return undefined;
}

/** awsUrl/azureUrl, or endpoints.{aws,azure} (a URL or { url }), from `pulumi stack output --json`. */
export function urlsFromStackOutputs(outputs: unknown): Partial<CloudUrls> {
  if (!outputs || typeof outputs !== 'object') return {};
  const o = outputs as Record<string, unknown>;
  const endpoints = (o.endpoints && typeof o.endpoints === 'object' ? o.endpoints : {}) as Record<string, unknown>;
  const found: Partial<CloudUrls> = {};
  const aws = urlOf(o.awsUrl) ?? urlOf(endpoints.aws) ?? urlOf(endpoints.awsUrl);
  const azure = urlOf(o.azureUrl) ?? urlOf(endpoints.azure) ?? urlOf(endpoints.azureUrl);
  if (aws !== undefined) found.aws = aws;
  if (azure !== undefined) found.azure = azure;
  return found;
}

/** The URLs (and every output) from Pulumi, or a one-line reason why not. */
async function fromPulumi(
  pulumi: string,
  stack: string | undefined,
  env: DiscoverEnv,
): Promise<{ urls: CloudUrls; outputs: unknown } | string> {
  const args = ['stack', 'output', '--json', ...(stack === undefined ? [] : ['--stack', stack])];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(pulumi, args, { cwd: env.cwd, timeout: PULUMI_TIMEOUT_MS }));
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    return `\`pulumi ${args.join(' ')}\` failed: ${stderr.split('\n')[0] || (error as Error).message}`;
  }
  let outputs: unknown;
  try {
    outputs = JSON.parse(stdout);
  } catch {
    return '`pulumi stack output --json` did not print JSON';
  }
  const urls = urlsFromStackOutputs(outputs);
  if (urls.aws === undefined || urls.azure === undefined) {
    const has = Object.keys(urls).join(' and ') || 'neither URL';
    return `the stack exports ${has}; both awsUrl and azureUrl are needed (pulumi config set clouds both)`;
  }
  return {
    urls: {
      aws: checkBaseUrl(urls.aws, 'stack output awsUrl'),
      azure: checkBaseUrl(urls.azure, 'stack output azureUrl'),
    },
    outputs,
  };
}

/** The URLs of a running local mode, or a one-line reason why not. */
async function fromLocal(env: DiscoverEnv): Promise<CloudUrls | string> {
  const file = join(env.cwd, LOCAL_URLS_FILE);
  let parsed: { awsUrl?: unknown; azureUrl?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? `local mode is not running (no ${LOCAL_URLS_FILE}; start it with npm start)`
      : `${LOCAL_URLS_FILE} is not valid JSON`;
  }
  if (typeof parsed.awsUrl !== 'string' || typeof parsed.azureUrl !== 'string') {
    return `${LOCAL_URLS_FILE} lacks awsUrl or azureUrl`;
  }
  const urls = {
    aws: checkBaseUrl(parsed.awsUrl, 'local awsUrl'),
    azure: checkBaseUrl(parsed.azureUrl, 'local azureUrl'),
  };
  for (const url of [urls.aws, urls.azure]) {
    const health = await createClient(url, env.timeoutMs).send({ method: 'GET', path: '/api/health' });
    if (health.status === undefined) return `local mode is not running (${url}/api/health: ${health.error})`;
  }
  return urls;
}

export async function discoverUrls(
  flags: { aws?: string; azure?: string; stack?: string },
  env: DiscoverEnv,
): Promise<Discovery> {
  if (flags.aws !== undefined && flags.azure !== undefined) {
    return { kind: 'flags', detail: '--aws and --azure', urls: { aws: flags.aws, azure: flags.azure } };
  }
  const tried: string[] = [];
  const pulumi = findOnPath('pulumi', env.path);
  if (pulumi === undefined) {
    if (flags.stack !== undefined) throw new UsageError('--stack needs the pulumi CLI on PATH');
    tried.push('pulumi: not on PATH');
  } else {
    const found = await fromPulumi(pulumi, flags.stack, env);
    if (typeof found !== 'string') {
      return { kind: 'pulumi', detail: `pulumi stack output${flags.stack ? ` (stack ${flags.stack})` : ''}`, ...found };
    }
    if (flags.stack !== undefined) throw new UsageError(found);
    tried.push(`pulumi: ${found}`);
  }
  const local = await fromLocal(env);
  if (typeof local !== 'string') return { kind: 'local', detail: `local mode (${LOCAL_URLS_FILE})`, urls: local };
  tried.push(`local: ${local}`);
  throw new UsageError(`no URLs to compare: pass --aws URL --azure URL (tried ${tried.join('; ')})`);
}
