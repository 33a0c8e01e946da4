import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '@azure/cosmos';

// @vercel/cosmosdb-server keeps everything in memory, so on-disk mode persists by snapshot: every
// container's documents are written to one JSON file (atomically: temp file + rename) shortly after
// each write and at shutdown, and loaded back into the fresh emulator at start.

export type Snapshot = Record<string, Record<string, unknown>[]>;

const systemProperties = ['_rid', '_self', '_etag', '_ts', '_attachments', '_lsn'];

function withoutSystemProperties(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([name]) => !systemProperties.includes(name)));
}

export async function takeSnapshot(database: Database, containers: string[]): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const id of containers) {
    const { resources } = await database.container(id).items.readAll<Record<string, unknown>>().fetchAll();
    snapshot[id] = resources.map(withoutSystemProperties);
  }
  return snapshot;
}

export function writeSnapshot(file: string, snapshot: Snapshot): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(snapshot));
  renameSync(temp, file);
}

export function readSnapshot(file: string): Snapshot {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} is not a Cosmos snapshot`);
  return parsed as Snapshot;
}

export async function restoreSnapshot(database: Database, snapshot: Snapshot): Promise<void> {
  for (const [id, documents] of Object.entries(snapshot)) {
    const container = database.container(id);
    for (const doc of documents) await container.items.upsert(doc);
  }
}
