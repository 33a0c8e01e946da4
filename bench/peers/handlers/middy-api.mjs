// The peer on middy 7: @middy/http-router over API Gateway payload 2.0, as middy's docs route an HTTP
// API, the token check as a `before` middleware on the notes routes, problems from one `onError`.
import middy from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import { ownerOf } from './peer-auth.mjs';
import { requestLine } from './peer-log.mjs';
import { problemOf } from './peer-problem.mjs';
import { noRoute, ROUTES } from './notes-work.mjs';

const signIn = {
  before: async (request) => {
    request.context.owner = await ownerOf(request.event.headers?.authorization);
  },
};

const problems = {
  onError: async (request) => {
    const problem = problemOf(request.error);
    request.response = { statusCode: problem.status, headers: problem.headers, body: problem.text };
  },
};

// The request line, written once the answer is known: `after` on success, else `onError`, which runs after
// the problem's (middy runs onError hooks in reverse order of use).
const lines = new WeakMap();
const logLine = (request) => {
  lines.get(request)?.(request.event.routeKey, request.response?.statusCode);
  lines.delete(request);
};
const requestLog = {
  before: async (request) => {
    lines.set(request, requestLine(request.event.requestContext?.http?.method));
  },
  after: async (request) => logLine(request),
  onError: async (request) => logLine(request),
};

// payload 2.0 joins a repeated parameter with "," in queryStringParameters: read the raw string instead.
function queryOf(event) {
  const query = {};
  for (const [name, value] of new URLSearchParams(event.rawQueryString ?? ''))
    query[name] = name in query ? [query[name], value].flat() : value;
  return query;
}

// serverless-offline sends `body: null` where API Gateway leaves it out.
const bodyOf = (event) =>
  event.body == null ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');

const routes = ROUTES.map((route) => ({
  method: route.method,
  path: route.path,
  handler: (route.signedIn ? middy().use(signIn) : middy()).handler(async (event, context) => {
    const { status, headers, body } = await route.work({
      owner: context.owner,
      query: queryOf(event),
      headers: event.headers ?? {},
      body: bodyOf(event),
      id: event.pathParameters?.id,
    });
    return { statusCode: status, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  }),
}));

export const handler = middy()
  .use(requestLog)
  .use(problems)
  .handler(
    httpRouterHandler({
      routes,
      notFoundResponse: ({ method, path }) => {
        throw noRoute(method, path);
      },
    }),
  );
