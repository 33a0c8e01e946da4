// The handler work every peer does, written once: GET /api/hello, POST /api/notes, GET /api/notes/{id}
// on the notes table (local mode's DynamoDB in the bench), the way each framework's docs build a
// handler: the client at module scope. Plain JavaScript: the peers' packages are not the project's.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});
const table = () => process.env.NOTES_TABLE;

/** { status, body } for every route, so each peer only maps it to its own response type. */
export const hello = (name) => ({ status: 200, body: { message: `Hello, ${name || 'world'}!` } });

export async function createNote(text) {
  let input;
  try {
    input = JSON.parse(text ?? '');
  } catch {
    return { status: 400, body: { title: 'Bad Request', detail: 'the body is not JSON' } };
  }
  if (typeof input?.title !== 'string' || input.title === '' || typeof (input.body ?? '') !== 'string') {
    return { status: 400, body: { title: 'Bad Request', detail: 'title must be a non-empty string, body a string' } };
  }
  const now = new Date().toISOString();
  const note = { id: randomUUID(), title: input.title, body: input.body ?? '', createdAt: now, updatedAt: now, version: 1 };
  await client.send(
    new PutItemCommand({
      TableName: table(),
      Item: { id: { S: note.id }, kind: { S: 'note' }, title: { S: note.title }, body: { S: note.body }, createdAt: { S: now }, updatedAt: { S: now }, version: { N: '1' } },
      ConditionExpression: 'attribute_not_exists(id)',
    }),
  );
  return { status: 201, body: note };
}

export async function getNote(id) {
  const { Item } = await client.send(new GetItemCommand({ TableName: table(), Key: { id: { S: id } } }));
  if (!Item) return { status: 404, body: { title: 'Not Found', detail: 'no such note' } };
  const note = { id: Item.id.S, title: Item.title.S, body: Item.body.S, createdAt: Item.createdAt.S, updatedAt: Item.updatedAt.S, version: Number(Item.version.N) };
  return { status: 200, body: note };
}
