// The notes and activity tables as a peer's handler uses them: the same DynamoDB calls as ours
// (GetItem, conditional PutItem, UpdateItem conditional on the version, conditional DeleteItem, Query),
// the client at module scope as each framework's docs build it. Keys and item shapes are the
// contract's (contract/aws.ts, handlers/aws/stored-note.ts), so local mode's stream, publisher and
// subscriber do the same event work for the peer's writes as for ours.
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ACTIVITY_KEYS, AWS_ENV, NOTE_KIND, NOTES_KEYS } from '../../../contract/aws.ts';
import { compareActivity } from '../../../handlers/core/activity-order.ts';
import { decodeCursor, encodeCursor } from '../../../handlers/core/cursor.ts';
import { isNoteId } from '../../../handlers/core/ids.ts';
import { noteFromItem, noteToItem } from '../../../handlers/aws/stored-note.ts';
import { PeerProblem } from './peer-problem.mjs';

const client = new DynamoDBClient({});
const notesTable = () => process.env[AWS_ENV.notesTable];
const activityTable = () => process.env[AWS_ENV.activityTable];
const key = (id) => ({ [NOTES_KEYS.hash]: { S: id } });

const notFound = (id) => new PeerProblem(404, `Note ${id} does not exist.`);
const changed = (id) => new PeerProblem(412, `Note ${id} has changed: If-Match does not match its current version.`);

export async function getNote(id) {
  const { Item } = await client.send(new GetItemCommand({ TableName: notesTable(), Key: key(id), ConsistentRead: true }));
  return Item ? noteFromItem(Item) : undefined;
}

export async function ping() {
  try {
    await client.send(new GetItemCommand({ TableName: notesTable(), Key: key('ping') }));
  } catch {
    throw new PeerProblem(503, 'The store is unavailable; retry shortly.', { headers: { 'retry-after': '1' } });
  }
}

export async function createNote(note) {
  await client.send(new PutItemCommand({ TableName: notesTable(), Item: noteToItem(note), ConditionExpression: 'attribute_not_exists(#id)', ExpressionAttributeNames: { '#id': NOTES_KEYS.hash } }));
}

/** Sets title, body, updatedAt and version + 1 if the stored version is `expected`; the new note. */
export async function updateNote(id, input, expected, time) {
  try {
    const { Attributes } = await client.send(
      new UpdateItemCommand({
        TableName: notesTable(),
        Key: key(id),
        UpdateExpression: 'SET #title = :title, #body = :body, #updatedAt = :time, #version = :next',
        ConditionExpression: 'attribute_exists(#id) AND #version = :expected',
        ExpressionAttributeNames: { '#id': NOTES_KEYS.hash, '#title': 'title', '#body': 'body', '#updatedAt': 'updatedAt', '#version': 'version' },
        ExpressionAttributeValues: { ':title': { S: input.title }, ':body': { S: input.body }, ':time': { S: time }, ':next': { N: String(expected + 1) }, ':expected': { N: String(expected) } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return noteFromItem(Attributes);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw (await getNote(id)) ? changed(id) : notFound(id);
  }
}

export async function deleteNote(id, expected) {
  const condition = expected === undefined ? 'attribute_exists(#id)' : 'attribute_exists(#id) AND #version = :expected';
  try {
    await client.send(
      new DeleteItemCommand({
        TableName: notesTable(),
        Key: key(id),
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#id': NOTES_KEYS.hash, ...(expected === undefined ? {} : { '#version': 'version' }) },
        ...(expected === undefined ? {} : { ExpressionAttributeValues: { ':expected': { N: String(expected) } } }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw expected !== undefined && (await getNote(id)) ? changed(id) : notFound(id);
  }
}

/** One page in id order from the list index; the cursor is the last id, as ours. */
export async function listNotes(limit, cursor) {
  let start;
  if (cursor !== undefined) {
    let value;
    try {
      value = decodeCursor(cursor);
    } catch {
      value = undefined;
    }
    if (value?.kind !== NOTE_KIND || !isNoteId(value.id)) throw new PeerProblem(400, 'Invalid cursor: cursor was not issued by this store.', { errors: [{ path: 'cursor', message: 'cursor was not issued by this store' }] });
    start = { [NOTES_KEYS.listIndexHash]: { S: NOTE_KIND }, [NOTES_KEYS.hash]: { S: value.id } };
  }
  const { Items = [], LastEvaluatedKey } = await client.send(
    new QueryCommand({
      TableName: notesTable(),
      IndexName: NOTES_KEYS.listIndex,
      KeyConditionExpression: '#kind = :kind',
      ExpressionAttributeNames: { '#kind': NOTES_KEYS.listIndexHash },
      ExpressionAttributeValues: { ':kind': { S: NOTE_KIND } },
      Limit: limit + 1,
      ...(start && { ExclusiveStartKey: start }),
    }),
  );
  const notes = Items.map(noteFromItem);
  const items = notes.slice(0, limit);
  const more = notes.length > limit || LastEvaluatedKey !== undefined;
  return more && items.length > 0 ? { items, nextCursor: encodeCursor({ kind: NOTE_KIND, id: items[items.length - 1].id }) } : { items };
}

export async function listActivity(noteId) {
  const items = [];
  let start;
  do {
    const out = await client.send(
      new QueryCommand({ TableName: activityTable(), KeyConditionExpression: '#noteId = :noteId', ExpressionAttributeNames: { '#noteId': ACTIVITY_KEYS.hash }, ExpressionAttributeValues: { ':noteId': { S: noteId } }, ConsistentRead: true, ...(start && { ExclusiveStartKey: start }) }),
    );
    items.push(...(out.Items ?? []).map((item) => unmarshall(item)));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort(compareActivity);
}
