import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../read-body';

// An Event Grid topic with the CloudEvents 1.0 input schema, as @azure/eventgrid's
// EventGridPublisherClient("CloudEvent") posts to it: a JSON array (application/cloudevents-batch+json),
// authenticated with the topic key in `aeg-sas-key`. Accepted events are handed to the subscription.

export type CloudEvent = Record<string, unknown> & { specversion: string; id: string; source: string; type: string };

export interface EventGridTopicOptions {
  key: string;
  /** Called for every accepted event; the topic answers once it settles. */
  onEvent: (event: CloudEvent) => void | Promise<void>;
}

function reply(res: ServerResponse, status: number, message?: string): void {
  // Lengths given, as Event Grid answers: writeHead alone would send the body chunked.
  if (message === undefined) {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
    return;
  }
  const body = JSON.stringify({ error: { code: status === 401 ? 'Unauthorized' : 'BadRequest', message } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function keyMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The reason an event is not a valid CloudEvent 1.0, or undefined when it is. */
export function cloudEventProblem(event: unknown, index: number): string | undefined {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return `event ${index} is not an object`;
  const e = event as Record<string, unknown>;
  if (e.specversion !== '1.0') return `event ${index}: specversion must be "1.0"`;
  for (const name of ['id', 'source', 'type']) {
    if (typeof e[name] !== 'string' || e[name] === '') return `event ${index}: ${name} is required`;
  }
  return undefined;
}

export function createEventGridServer(options: EventGridTopicOptions): Server {
  return createServer(async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/api/events') return reply(res, 404, 'only POST /api/events is emulated');
    if (!keyMatches(options.key, req.headers['aeg-sas-key']))
      return reply(res, 401, 'the request has no valid aeg-sas-key');
    const contentType = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (contentType !== 'application/cloudevents-batch+json' && contentType !== 'application/json') {
      return reply(res, 400, `content type ${contentType || '(none)'} is not a CloudEvents batch`);
    }
    let events: unknown;
    try {
      events = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, 'the body is not JSON');
    }
    if (!Array.isArray(events)) return reply(res, 400, 'the body must be an array of CloudEvents');
    const problem = events.map(cloudEventProblem).find((p) => p !== undefined);
    if (problem) return reply(res, 400, problem);
    try {
      // Accepted means kept: the answer waits until the subscription has the events durably.
      await Promise.all((events as CloudEvent[]).map((event) => options.onEvent(event)));
    } catch (error) {
      return reply(res, 500, String(error));
    }
    reply(res, 200);
  });
}
