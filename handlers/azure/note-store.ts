// NoteStore on Cosmos DB for NoSQL: the notes container, partition key /owner (contract/azure.ts), so
// every read is a point read (id, owner) or a query on the caller's one partition. Deletes are soft (a
// marker with a TTL) because the latest-version change feed carries no deletes; readers treat the
// marker as absent, so the API behaves exactly as on DynamoDB.
import type { Container, ItemDefinition, SqlParameter } from '@azure/cosmos';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { isNoteId } from '../core/ids';
import {
  InvalidCursorError,
  type Note,
  type NotePage,
  type NoteStore,
  NoteNotFoundError,
  VersionMismatchError,
} from '../core/ports';
import { cosmosStatus, toStoreError } from './store-errors';
import { deletedMarker, isDeletedMarker, noteFromDocument, toNoteDocument } from './stored-note';

const NOT_DELETED = '(NOT IS_DEFINED(c.deleted) OR c.deleted != true)';
// A remove without a version retries when a concurrent writer wins the etag race.
const REMOVE_ATTEMPTS = 3;

interface Current {
  note: Note;
  etag: string;
}

/** The id after which a page starts: the cursor is ours, issued to this owner; anything else is refused. */
function afterIdOf(owner: string, cursor: string): string {
  const value = decodeCursor(cursor) as { owner?: unknown; after?: unknown } | null;
  const after = typeof value === 'object' && value !== null ? value.after : undefined;
  if (!isNoteId(after) || typeof value?.owner !== 'string')
    throw new InvalidCursorError('cursor was not issued by this store');
  if (value.owner !== owner) throw new InvalidCursorError('cursor was issued to another user');
  return after;
}

export class CosmosNoteStore implements NoteStore {
  constructor(private readonly container: Container) {}

  async create(owner: string, note: Note): Promise<void> {
    try {
      await this.container.items.create(toNoteDocument(owner, note));
    } catch (error) {
      if (cosmosStatus(error) === 409) throw new Error(`note ${note.id} already exists`, { cause: error });
      throw toStoreError(error, 'the notes container');
    }
  }

  async get(owner: string, id: string): Promise<Note | undefined> {
    return (await this.readCurrent(owner, id))?.note;
  }

  // Keyset paging (`id > after`, TOP limit+1) instead of Cosmos continuation tokens: the cursor is
  // checkable (a forged token is silently ignored by the emulator), and pages are never short or
  // empty, which cross-partition ORDER BY continuations allow. `partitionKey` makes it a
  // single-partition query; the owner filter says the same in the query text.
  async list(owner: string, query: { limit: number; cursor?: string }): Promise<NotePage> {
    const after = query.cursor === undefined ? undefined : afterIdOf(owner, query.cursor);
    const where = `c.owner = @owner AND ${NOT_DELETED}${after === undefined ? '' : ' AND c.id > @after'}`;
    const parameters: SqlParameter[] = [
      { name: '@take', value: query.limit + 1 },
      { name: '@owner', value: owner },
    ];
    if (after !== undefined) parameters.push({ name: '@after', value: after });
    let docs: ItemDefinition[];
    try {
      ({ resources: docs } = await this.container.items
        .query(
          { query: `SELECT TOP @take * FROM c WHERE ${where} ORDER BY c.id ASC`, parameters },
          { partitionKey: owner },
        )
        .fetchAll());
    } catch (error) {
      throw toStoreError(error, 'the notes container');
    }
    const items = docs.slice(0, query.limit).map(noteFromDocument);
    const last = items[items.length - 1];
    return docs.length > query.limit && last
      ? { items, nextCursor: encodeCursor({ owner, after: last.id }) }
      : { items };
  }

  async replace(owner: string, next: Note, expectedVersion: number): Promise<void> {
    const current = await this.readCurrent(owner, next.id);
    if (!current) throw new NoteNotFoundError(next.id);
    if (current.note.version !== expectedVersion) {
      throw new VersionMismatchError(next.id, expectedVersion, current.note.version);
    }
    // The etag makes "version matched" and "write" one conditional write.
    await this.writeIfUnchanged(owner, next.id, toNoteDocument(owner, next), current.etag, expectedVersion);
  }

  async remove(owner: string, id: string, expectedVersion?: number): Promise<Note> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.readCurrent(owner, id);
      if (!current) throw new NoteNotFoundError(id);
      if (expectedVersion !== undefined && current.note.version !== expectedVersion) {
        throw new VersionMismatchError(id, expectedVersion, current.note.version);
      }
      try {
        const marker = deletedMarker(owner, current.note, new Date().toISOString());
        await this.writeIfUnchanged(owner, id, marker, current.etag, expectedVersion ?? current.note.version);
        return current.note;
      } catch (error) {
        // Without an expected version a lost race is not the caller's conflict: read again.
        if (!(error instanceof VersionMismatchError) || expectedVersion !== undefined || attempt >= REMOVE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  async ping(): Promise<void> {
    try {
      await this.container.read();
    } catch (error) {
      throw toStoreError(error, 'the notes container');
    }
  }

  /** The live note and its etag; undefined when missing or soft-deleted. */
  private async readCurrent(owner: string, id: string): Promise<Current | undefined> {
    let resource: ItemDefinition | undefined;
    try {
      ({ resource } = await this.container.item(id, owner).read());
    } catch (error) {
      if (cosmosStatus(error) === 404) return undefined;
      throw toStoreError(error, 'the notes container');
    }
    if (!resource || isDeletedMarker(resource)) return undefined;
    return { note: noteFromDocument(resource), etag: String(resource._etag) };
  }

  private async writeIfUnchanged(
    owner: string,
    id: string,
    doc: ItemDefinition,
    etag: string,
    expectedVersion: number,
  ): Promise<void> {
    try {
      await this.container.item(id, owner).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return;
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === 404) throw new NoteNotFoundError(id);
      if (status !== 412) throw toStoreError(error, 'the notes container');
    }
    // Someone wrote in between. A write that lost to a delete gets what it would get had it come just
    // after it, 404, as on DynamoDB (docs/ARCHITECTURE.md, "Odd requests": races between writes).
    const now = await this.readCurrent(owner, id);
    if (!now) throw new NoteNotFoundError(id);
    throw new VersionMismatchError(id, expectedVersion, now.note.version);
  }
}
