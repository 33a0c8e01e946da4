// The peer on middy 7: @middy/http-router over API Gateway payload 2.0, as middy's docs route an HTTP API.
import middy from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import { createNote, getNote, hello } from './notes-work.mjs';

const json = ({ status, body }) => ({ statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const routes = [
  { method: 'GET', path: '/api/hello', handler: middy().handler(async (event) => json(hello(event.queryStringParameters?.name))) },
  { method: 'POST', path: '/api/notes', handler: middy().handler(async (event) => json(await createNote(event.body))) },
  { method: 'GET', path: '/api/notes/{id}', handler: middy().handler(async (event) => json(await getNote(event.pathParameters.id))) },
];

export const handler = middy().handler(httpRouterHandler(routes));
