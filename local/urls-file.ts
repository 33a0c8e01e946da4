import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// `.local/urls.json` tells the compare tool (and anyone else) that local mode is running and where.

/** Local mode's data directory unless told otherwise (relative to the working directory). */
export const DEFAULT_DATA_DIR = '.local';

/** The urls file inside a data directory. */
export const urlsFileIn = (dataDir: string): string => join(dataDir, 'urls.json');

/** Where `npm start` (default data directory) writes its URLs and issuer, relative to the working directory. */
export const LOCAL_URLS_FILE = urlsFileIn(DEFAULT_DATA_DIR);

export interface UrlsFile {
  awsUrl: string;
  azureUrl: string;
  /** The local OIDC issuer (`npm run token` asks it for tokens); absent with `--auth none`. */
  issuer?: string;
  pid: number;
  startedAt: string;
}

export function writeUrlsFile(file: string, urls: { awsUrl: string; azureUrl: string; issuer?: string }): void {
  mkdirSync(dirname(file), { recursive: true });
  const content: UrlsFile = { ...urls, pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** Removes the file if it still describes this instance (another one may have started since). */
export function removeUrlsFile(file: string, urls: { awsUrl: string; azureUrl: string }): void {
  try {
    const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<UrlsFile>;
    if (current.pid === process.pid && current.awsUrl === urls.awsUrl && current.azureUrl === urls.azureUrl)
      rmSync(file);
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}

/** What a running local mode wrote, or undefined when there is none (or it is unreadable). */
export function readUrlsFile(file: string): Partial<UrlsFile> | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Partial<UrlsFile>) : undefined;
  } catch {
    return undefined;
  }
}
