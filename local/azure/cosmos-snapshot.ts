import { existsSync, readFileSync } from 'node:fs';
import type { Database } from '@azure/cosmos';
import { replaceFileDurably, type JournalEntry } from '../journal';

// @vercel/cosmosdb-server keeps everything in memory, so on-disk mode persists by write-ahead log and
// snapshot: every committed write is appended to the log (fsync'd) before it is answered; at start
// the log is replayed onto the last snapshot, the result becomes the new snapshot (written durably)
// and the log starts over, and the fresh emulator is loaded from it.

export type Snapshot = Record<string, Record<string, unknown>[]>;

/** One committed write: a document as stored, or a removed document's id and partition key value. */
export type WalEntry = { c: string; doc: Record<string, unknown> } | { c: string; del: string; pk: unknown };

const systemProperties = ['_rid', '_self', '_etag', '_ts', '_attachments', '_lsn'];

export function withoutSystemProperties(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([name]) => !systemProperties.includes(name)));
}

export function readSnapshot(file: string): Snapshot {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file} is not a Cosmos snapshot`);
  return parsed as Snapshot;
}

export function writeSnapshot(file: string, snapshot: Snapshot): void {
  replaceFileDurably(file, JSON.stringify(snapshot));
}

/** The snapshot after the logged writes, in log order. `partitionKeys`: container id → key path ("/id"). */
export function applyWal(
  snapshot: Snapshot,
  entries: readonly JournalEntry<WalEntry>[],
  partitionKeys: Record<string, string>,
): Snapshot {
  const key = (id: unknown, pk: unknown) => JSON.stringify([id, pk ?? null]);
  const pkOf = (container: string, doc: Record<string, unknown>) => doc[(partitionKeys[container] ?? '/id').slice(1)];
  const containers = new Map<string, Map<string, Record<string, unknown>>>();
  const containerOf = (id: string) => {
    let docs = containers.get(id);
    if (!docs) containers.set(id, (docs = new Map()));
    return docs;
  };
  for (const [id, docs] of Object.entries(snapshot))
    for (const doc of docs) containerOf(id).set(key(doc.id, pkOf(id, doc)), doc);
  for (const { item } of entries) {
    if ('doc' in item)
      containerOf(item.c).set(key(item.doc.id, pkOf(item.c, item.doc)), withoutSystemProperties(item.doc));
    else containerOf(item.c).delete(key(item.del, item.pk));
  }
  return Object.fromEntries([...containers].map(([id, docs]) => [id, [...docs.values()]]));
}

/**
 * Loads documents into the emulator in batch requests of 100 upserts (one request per document is far
 * slower). `items.bulk` rather than its successor `executeBulkOperations`, which waits for a flush
 * timer per call: measured on 6,000 documents, 1.1 s against 4.6 s (all in one call) or 60 s (a call
 * per hundred).
 */
export async function restoreSnapshot(
  database: Database,
  snapshot: Snapshot,
  partitionKeys: Record<string, string>,
): Promise<void> {
  const chunk = 100;
  for (const [id, documents] of Object.entries(snapshot)) {
    const container = database.container(id);
    const pkName = (partitionKeys[id] ?? '/id').slice(1);
    for (let i = 0; i < documents.length; i += chunk) {
      const operations = documents.slice(i, i + chunk).map((doc) => ({
        operationType: 'Upsert' as const,
        partitionKey: doc[pkName] as string,
        resourceBody: doc as never,
      }));
      const failed = (await container.items.bulk(operations)).find((response) => response.statusCode >= 400);
      if (failed) throw new Error(`restoring ${id} failed with status ${failed.statusCode}`);
    }
  }
}
