// NoteStore on DynamoDB, keyed by owner (hash) + id (range). Every write is one conditional request;
// a list is one Query on the caller's partition, whose range order is id order (UUIDv7), so pages come
// out in creation order. No Scan and no index: nothing reads another owner's partition.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { NOTES_KEY_ATTRIBUTES, NOTES_KEYS } from '../../contract/aws';
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
const ID_NAME = { '#id': NOTES_KEYS.range };
const NAMES = { ...ID_NAME, '#version': 'version' };
const expected = (version: number) => ({ ':expected': { N: String(version) } });
// Never an owner (those hold "|" or are "anonymous") nor a note id, so reading it costs one read unit and finds nothing.
const PING_KEY = 'ping';

/** A list cursor is the Query's LastEvaluatedKey, unmarshalled: { owner, id }. */
interface ListKey {
  owner: string;
  id: string;
}

/** The table's key attribute names, sorted as a cursor's keys are compared. */
const TABLE_KEY_NAMES = [...NOTES_KEY_ATTRIBUTES].sort().join();

function startKeyOf(owner: string, cursor: string): ListKey {
  const value = decodeCursor(cursor);
  const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).sort() : [];
  const key = value as Partial<ListKey>;
  // Exactly the table key: DynamoDB would reject anything else with a ValidationException (a 500).
  if (keys.join() !== TABLE_KEY_NAMES || typeof key.owner !== 'string' || !isNoteId(key.id)) {
    throw new InvalidCursorError('cursor was not issued by this store');
  }
  // A start key outside the queried partition is a ValidationException too; and it is not the caller's.
  if (key.owner !== owner) throw new InvalidCursorError('cursor was issued to another user');
  return { owner, id: key.id };
}

export class DynamoNoteStore implements NoteStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(owner: string, note: Note): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: noteToItem(owner, note),
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: ID_NAME,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new Error(`note ${note.id} already exists`);
      throw this.storeError(error);
    }
  }

  async get(owner: string, id: string): Promise<Note | undefined> {
    const out = await this.send(() =>
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: this.key(owner, id), ConsistentRead: true }),
      ),
    );
    return out.Item ? noteFromItem(out.Item) : undefined;
  }

  async list(owner: string, query: { limit: number; cursor?: string }): Promise<NotePage> {
    const start = query.cursor === undefined ? undefined : startKeyOf(owner, query.cursor);
    const out = await this.send(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': NOTES_KEYS.hash },
          ExpressionAttributeValues: { ':owner': { S: owner } },
          // One more than asked: DynamoDB returns a LastEvaluatedKey whenever it stops at Limit, even
          // at the very end, so limit+1 is how the last page goes out without a nextCursor.
          Limit: query.limit + 1,
          ...(start && { ExclusiveStartKey: this.key(start.owner, start.id) }),
        }),
      ),
    );
    const notes = (out.Items ?? []).map(noteFromItem);
    const items = notes.slice(0, query.limit);
    const last = items[items.length - 1];
    // More notes follow when the extra one came back, or when DynamoDB stopped early (1 MB page):
    // either way the next page starts after the last note returned, the same key DynamoDB would give.
    const more = notes.length > query.limit || out.LastEvaluatedKey !== undefined;
    if (more && last) return { items, nextCursor: encodeCursor({ owner, id: last.id } satisfies ListKey) };
    return { items };
  }

  async replace(owner: string, next: Note, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: noteToItem(owner, next),
          ConditionExpression: VERSION_MATCHES,
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: expected(expectedVersion),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      throw await this.explainFailure(error, owner, next.id, expectedVersion);
    }
  }

  async remove(owner: string, id: string, expectedVersion?: number): Promise<Note> {
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
          Key: this.key(owner, id),
          ...condition,
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (!out.Attributes) throw new Error(`deleting note ${id} returned no old item`);
      return noteFromItem(out.Attributes);
    } catch (error) {
      throw await this.explainFailure(error, owner, id, expectedVersion);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: this.key(PING_KEY, PING_KEY),
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

  private key(owner: string, id: string): Item {
    return { [NOTES_KEYS.hash]: { S: owner }, [NOTES_KEYS.range]: { S: id } };
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
  private async explainFailure(
    error: unknown,
    owner: string,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<unknown> {
    if (!(error instanceof ConditionalCheckFailedException)) return this.storeError(error);
    // Without a version only attribute_exists was checked: the note was absent at that instant.
    if (expectedVersion === undefined) return new NoteNotFoundError(id);
    const current = error.Item ? noteFromItem(error.Item) : await this.get(owner, id);
    if (!current) return new NoteNotFoundError(id);
    return new VersionMismatchError(id, expectedVersion, current.version);
  }
}
