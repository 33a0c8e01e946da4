// NoteStore on DynamoDB. Every write is one conditional request; lists are one Query on the byKind
// GSI, whose key order is id order (UUIDv7), so pages come out in creation order.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { NOTE_KIND, NOTES_KEYS } from '../../contract/aws';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { isNoteId } from '../core/ids';
import {
  InvalidCursorError,
  type Note,
  type NotePage,
  type NoteStore,
  NoteNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from '../core/ports';
import { type Item, noteFromItem, noteToItem } from './stored-note';
import { toStoreError } from './store-errors';

const VERSION_MATCHES = 'attribute_exists(#id) AND #version = :expected';
const ID_NAME = { '#id': NOTES_KEYS.hash };
const NAMES = { ...ID_NAME, '#version': 'version' };
const expected = (version: number) => ({ ':expected': { N: String(version) } });
// Never a note id (those are UUIDs), so reading it costs one read unit and finds nothing.
const PING_KEY = 'ping';

/** A list cursor is the GSI's LastEvaluatedKey, unmarshalled: { kind: "note", id }. */
interface ListKey {
  kind: typeof NOTE_KIND;
  id: string;
}

function startKeyOf(cursor: string): ListKey {
  const value = decodeCursor(cursor);
  const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).sort() : [];
  const key = value as Partial<ListKey>;
  // Exactly the GSI key: DynamoDB would reject anything else with a ValidationException (a 500),
  // and a foreign `kind` would silently list another partition.
  if (keys.join() !== 'id,kind' || key.kind !== NOTE_KIND || !isNoteId(key.id)) {
    throw new InvalidCursorError('cursor was not issued by this store');
  }
  return { kind: NOTE_KIND, id: key.id };
}

export class DynamoNoteStore implements NoteStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(note: Note): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: noteToItem(note),
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: ID_NAME,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new Error(`note ${note.id} already exists`);
      throw this.storeError(error);
    }
  }

  async get(id: string): Promise<Note | undefined> {
    const out = await this.send(() =>
      this.client.send(new GetItemCommand({ TableName: this.tableName, Key: this.key(id), ConsistentRead: true })),
    );
    return out.Item ? noteFromItem(out.Item) : undefined;
  }

  async list(query: { limit: number; cursor?: string }): Promise<NotePage> {
    const start = query.cursor === undefined ? undefined : startKeyOf(query.cursor);
    const out = await this.send(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: NOTES_KEYS.listIndex,
          KeyConditionExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': NOTES_KEYS.listIndexHash },
          ExpressionAttributeValues: { ':kind': { S: NOTE_KIND } },
          // One more than asked: DynamoDB returns a LastEvaluatedKey whenever it stops at Limit, even
          // at the very end, so limit+1 is how the last page goes out without a nextCursor.
          Limit: query.limit + 1,
          ...(start && { ExclusiveStartKey: { kind: { S: start.kind }, id: { S: start.id } } }),
        }),
      ),
    );
    const notes = (out.Items ?? []).map(noteFromItem);
    const items = notes.slice(0, query.limit);
    const last = items[items.length - 1];
    // More notes follow when the extra one came back, or when DynamoDB stopped early (1 MB page):
    // either way the next page starts after the last note returned, the same key DynamoDB would give.
    const more = notes.length > query.limit || out.LastEvaluatedKey !== undefined;
    if (more && last) return { items, nextCursor: encodeCursor({ kind: NOTE_KIND, id: last.id } satisfies ListKey) };
    return { items };
  }

  async replace(next: Note, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: noteToItem(next),
          ConditionExpression: VERSION_MATCHES,
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: expected(expectedVersion),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      throw await this.explainFailure(error, next.id, expectedVersion);
    }
  }

  async remove(id: string, expectedVersion?: number): Promise<Note> {
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_exists(#id)', ExpressionAttributeNames: ID_NAME }
        : {
            ConditionExpression: VERSION_MATCHES,
            ExpressionAttributeNames: NAMES,
            ExpressionAttributeValues: expected(expectedVersion),
          };
    try {
      const out = await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: this.key(id),
          ...condition,
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (!out.Attributes) throw new Error(`deleting note ${id} returned no old item`);
      return noteFromItem(out.Attributes);
    } catch (error) {
      throw await this.explainFailure(error, id, expectedVersion);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: this.key(PING_KEY),
          ProjectionExpression: '#id',
          ExpressionAttributeNames: ID_NAME,
        }),
      );
    } catch (error) {
      // Whatever the reason (outage, missing table, no permission), the store does not answer.
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new StoreUnavailableError(`the notes table does not answer (${detail})`, { cause: error });
    }
  }

  private key(id: string): Item {
    return { [NOTES_KEYS.hash]: { S: id } };
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.storeError(error);
    }
  }

  private storeError(error: unknown): unknown {
    return toStoreError(error, 'the notes table');
  }

  /**
   * A failed condition means "no such note" or "another version". With ALL_OLD, real DynamoDB puts
   * the current item (if any) on the error, so no second request is needed and nothing races. Emulators
   * that ignore ReturnValuesOnConditionCheckFailure (dynalite 4) send no item; then a strongly consistent
   * read tells the two apart. That read is a read, not a retried write: its answer is the state at a
   * moment after the failure, which is a correct answer to give. On real DynamoDB a missing item on
   * the error already means "absent", and the read just confirms it.
   */
  private async explainFailure(error: unknown, id: string, expectedVersion: number | undefined): Promise<unknown> {
    if (!(error instanceof ConditionalCheckFailedException)) return this.storeError(error);
    // Without a version only attribute_exists was checked: the note was absent at that instant.
    if (expectedVersion === undefined) return new NoteNotFoundError(id);
    const current = error.Item ? noteFromItem(error.Item) : await this.get(id);
    if (!current) return new NoteNotFoundError(id);
    return new VersionMismatchError(id, expectedVersion, current.version);
  }
}
