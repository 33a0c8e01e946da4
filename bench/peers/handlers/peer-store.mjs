// The notes and activity tables as a peer's handler uses them: the same DynamoDB calls as ours
// (GetItem, conditional PutItem, UpdateItem conditional on the version, conditional DeleteItem, Query),
// the client at module scope as each framework's docs build it. Keys and item shapes are the
// contract's (contract/aws.ts, handlers/aws/stored-note.ts), so local mode's stream, publisher and
// subscriber do the same event work for the peer's writes as for ours.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ACTIVITY_KEYS, activityRangePrefix, AWS_ENV, NOTES_KEYS } from '../../../contract/aws.ts';
import { compareActivity } from '../../../handlers/core/activity-order.ts';
import { decodeCursor, encodeCursor } from '../../../handlers/core/cursor.ts';
import { isNoteId } from '../../../handlers/core/ids.ts';
import { noteFromItem, noteToItem } from '../../../handlers/aws/stored-note.ts';
import { PeerProblem } from './peer-problem.mjs';

const client = new DynamoDBClient({});
const notesTable = () => process.env[AWS_ENV.notesTable];
const activityTable = () => process.env[AWS_ENV.activityTable];
// One partition per owner, as ours (contract/aws.ts): the owner is the hash key, the note id the range key.
const key = (owner, id) => ({ [NOTES_KEYS.hash]: { S: owner }, [NOTES_KEYS.range]: { S: id } });

const notFound = (id) => new PeerProblem(404, `Note ${id} does not exist.`);
const changed = (id) => new PeerProblem(412, `Note ${id} has changed: If-Match does not match its current version.`);

export async function getNote(owner, id) {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: notesTable(), Key: key(owner, id), ConsistentRead: true }),
  );
  return Item ? noteFromItem(Item) : undefined;
}

export async function ping() {
  try {
    await client.send(new GetItemCommand({ TableName: notesTable(), Key: key('ping', 'ping') }));
  } catch {
    throw new PeerProblem(503, 'The store is unavailable; retry shortly.', { headers: { 'retry-after': '1' } });
  }
}

export async function createNote(owner, note) {
  await client.send(
    new PutItemCommand({
      TableName: notesTable(),
      Item: noteToItem(owner, note),
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': NOTES_KEYS.range },
    }),
  );
}

/** Sets title, body, updatedAt and version + 1 if the stored version is `expected`; the new note. */
export async function updateNote(owner, id, input, expected, time) {
  try {
    const { Attributes } = await client.send(
      new UpdateItemCommand({
        TableName: notesTable(),
        Key: key(owner, id),
        UpdateExpression: 'SET #title = :title, #body = :body, #updatedAt = :time, #version = :next',
        ConditionExpression: 'attribute_exists(#id) AND #version = :expected',
        ExpressionAttributeNames: {
          '#id': NOTES_KEYS.range,
          '#title': 'title',
          '#body': 'body',
          '#updatedAt': 'updatedAt',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':title': { S: input.title },
          ':body': { S: input.body },
          ':time': { S: time },
          ':next': { N: String(expected + 1) },
          ':expected': { N: String(expected) },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return noteFromItem(Attributes);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw (await getNote(owner, id)) ? changed(id) : notFound(id);
  }
}

export async function deleteNote(owner, id, expected) {
  const condition = expected === undefined ? 'attribute_exists(#id)' : 'attribute_exists(#id) AND #version = :expected';
  try {
    await client.send(
      new DeleteItemCommand({
        TableName: notesTable(),
        Key: key(owner, id),
        ConditionExpression: condition,
        ExpressionAttributeNames: {
          '#id': NOTES_KEYS.range,
          ...(expected === undefined ? {} : { '#version': 'version' }),
        },
        ...(expected === undefined ? {} : { ExpressionAttributeValues: { ':expected': { N: String(expected) } } }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw expected !== undefined && (await getNote(owner, id)) ? changed(id) : notFound(id);
  }
}

/** One page of the owner's notes in id order: one Query on the owner's partition; the cursor is { owner, id }, as ours. */
export async function listNotes(owner, limit, cursor) {
  let start;
  if (cursor !== undefined) {
    let value;
    try {
      value = decodeCursor(cursor);
    } catch {
      value = undefined;
    }
    if (typeof value?.owner !== 'string' || !isNoteId(value.id))
      throw new PeerProblem(400, 'Invalid cursor: cursor was not issued by this store.', {
        errors: [{ path: 'cursor', message: 'cursor was not issued by this store' }],
      });
    if (value.owner !== owner)
      throw new PeerProblem(400, 'Invalid cursor: cursor was issued to another user.', {
        errors: [{ path: 'cursor', message: 'cursor was issued to another user' }],
      });
    start = key(owner, value.id);
  }
  const { Items = [], LastEvaluatedKey } = await client.send(
    new QueryCommand({
      TableName: notesTable(),
      KeyConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': NOTES_KEYS.hash },
      ExpressionAttributeValues: { ':owner': { S: owner } },
      Limit: limit + 1,
      ...(start && { ExclusiveStartKey: start }),
    }),
  );
  const notes = Items.map(noteFromItem);
  const items = notes.slice(0, limit);
  const more = notes.length > limit || LastEvaluatedKey !== undefined;
  return more && items.length > 0
    ? { items, nextCursor: encodeCursor({ owner, id: items[items.length - 1].id }) }
    : { items };
}

export async function listActivity(owner, noteId) {
  const items = [];
  let start;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: activityTable(),
        KeyConditionExpression: '#owner = :owner AND begins_with(#key, :note)',
        ExpressionAttributeNames: { '#owner': ACTIVITY_KEYS.hash, '#key': ACTIVITY_KEYS.range },
        ExpressionAttributeValues: { ':owner': { S: owner }, ':note': { S: activityRangePrefix(noteId) } },
        ConsistentRead: true,
        ...(start && { ExclusiveStartKey: start }),
      }),
    );
    items.push(...(out.Items ?? []).map((item) => unmarshall(item)));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort(compareActivity);
}
