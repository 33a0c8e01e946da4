// The peer on express 5 behind serverless-http, the usual way to run an express app on Lambda.
import express from 'express';
import serverless from 'serverless-http';
import { createNote, getNote, hello } from './notes-work.mjs';

const app = express();
const send = (response, { status, body }) => response.status(status).json(body);
app.get('/api/hello', (request, response) => send(response, hello(request.query.name)));
app.post('/api/notes', express.text({ type: '*/*' }), async (request, response) => send(response, await createNote(request.body)));
app.get('/api/notes/:id', async (request, response) => send(response, await getNote(request.params.id)));

export const handler = serverless(app);
