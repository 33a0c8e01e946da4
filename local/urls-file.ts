import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// `.local/urls.json` tells the compare tool (and anyone else) that local mode is running and where.

export interface UrlsFile {
  awsUrl: string;
  azureUrl: string;
  pid: number;
  startedAt: string;
}

export function writeUrlsFile(file: string, urls: { awsUrl: string; azureUrl: string }): void {
  mkdirSync(dirname(file), { recursive: true });
  const content: UrlsFile = { ...urls, pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** Another local mode already uses this data directory (its stores are locked by that process). */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`${dataDir} is in use by another local mode (pid ${pid}); stop it, or pass --data-dir <dir> or --in-memory`);
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Throws DataDirInUseError when urls.json names a live process other than this one. */
export function assertDataDirFree(file: string, dataDir: string): void {
  let pid: unknown;
  try {
    pid = (JSON.parse(readFileSync(file, 'utf8')) as Partial<UrlsFile>).pid;
  } catch {
    return; // no file (or garbage): nobody claims the directory
  }
  if (typeof pid === 'number' && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
}

/** Removes the file if it still describes this instance (another one may have started since). */
export function removeUrlsFile(file: string, urls: { awsUrl: string; azureUrl: string }): void {
  try {
    const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<UrlsFile>;
    if (current.pid === process.pid && current.awsUrl === urls.awsUrl && current.azureUrl === urls.azureUrl) rmSync(file);
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}
