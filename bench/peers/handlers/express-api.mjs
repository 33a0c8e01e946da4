// The peer on express 5 behind serverless-http, the usual way to run an express app on Lambda: the
// token check as middleware on /api/notes, express.raw for bodies, one error middleware for problems.
import express from 'express';
import serverless from 'serverless-http';
import { ownerOf } from './peer-auth.mjs';
import { requestLine } from './peer-log.mjs';
import { PeerProblem, problemOf } from './peer-problem.mjs';
import { noRoute, ROUTES } from './notes-work.mjs';

// Read up to well past the contract's 64 KiB, so the contract's own 413 (after its 415) decides.
const BODY_READ_LIMIT = '1mb';

const app = express();
app.disable('x-powered-by');
app.use((request, response, next) => {
  const line = requestLine(request.method);
  response.on('finish', () => line(request.route?.path ?? request.path, response.statusCode));
  next();
});
app.use('/api/notes', (request, response, next) =>
  ownerOf(request.get('authorization')).then((owner) => {
    response.locals.owner = owner;
    next();
  }, next),
);
const rawBody = express.raw({ type: () => true, limit: BODY_READ_LIMIT });
for (const route of ROUTES) {
  app[route.method.toLowerCase()](route.path.replace(/\{(\w+)\}/g, ':$1'), rawBody, (request, response, next) => {
    const parts = {
      owner: response.locals.owner,
      query: request.query,
      headers: request.headers,
      body: Buffer.isBuffer(request.body) ? request.body : undefined,
      id: request.params.id,
    };
    route.work(parts).then(
      ({ status, headers, body }) =>
        response
          .status(status)
          .set(headers)
          .send(body === undefined ? undefined : JSON.stringify(body)),
      next,
    );
  });
}
app.use((request, _response, next) => next(noRoute(request.method, request.path)));
// body-parser's errors (too large, aborted) carry their status: answer them as problems too.
app.use((error, _request, response, _next) => {
  const problem = problemOf(error?.expose && error.status < 500 ? new PeerProblem(error.status, error.message) : error);
  response.status(problem.status).set(problem.headers).send(problem.text);
});

export const handler = serverless(app);
