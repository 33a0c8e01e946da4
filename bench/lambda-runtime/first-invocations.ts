// The first invocation each AWS function gets after a cold start, built with the same code that builds
// these events in local mode, and the check that its answer is the function working, not failing.
import type { AwsFunctionName } from '../../program/bundle';
import { changeToEvent } from '../../handlers/core/events';
import { newNoteId } from '../../handlers/core/ids';
import type { Note } from '../../handlers/core/ports';
import { noteToItem } from '../../handlers/aws/stored-note';
import { EVENTBRIDGE_SOURCE, NOTES_KEY_ATTRIBUTES } from '../../contract/aws';
import { ANONYMOUS_OWNER } from '../../handlers/core/auth/owner';
import { streamRecord } from '../../local/aws/stream-records';

export interface FirstInvocation {
  event: unknown;
  /** undefined when the response body is what the function returns on success, else what is wrong. */
  check: (responseBody: string) => string | undefined;
}

const REGION = 'us-east-1';

function sampleNote(): Note {
  const now = new Date().toISOString();
  return { id: newNoteId(), title: 'cold start', body: 'measured', createdAt: now, updatedAt: now, version: 1 };
}

// API Gateway HTTP API, payload format 2.0: GET /api/hello?name=x (no store call: the init cost alone).
export function apiEvent(): unknown {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/hello',
    rawQueryString: 'name=x',
    headers: { host: 'bench.execute-api.us-east-1.amazonaws.com', accept: 'application/json' },
    queryStringParameters: { name: 'x' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'bench',
      http: { method: 'GET', path: '/api/hello', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench-request',
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

const expectJson = (test: (value: Record<string, unknown> | null) => string | undefined) => (body: string) => {
  try {
    return test(JSON.parse(body) as Record<string, unknown> | null);
  } catch {
    return 'not JSON';
  }
};

export function firstInvocation(name: AwsFunctionName, tables: { notes: string }): FirstInvocation {
  if (name === 'api') {
    return {
      event: apiEvent(),
      check: expectJson((value) =>
        value?.statusCode === 200 && String(value.body).includes('Hello, x!') ? undefined : 'not 200 Hello, x!',
      ),
    };
  }
  const note = sampleNote();
  if (name === 'publisher') {
    // One INSERT, as DynamoDB Streams hands it to the publisher; it publishes to EventBridge.
    const source = { table: tables.notes, keyAttributes: [...NOTES_KEY_ATTRIBUTES], region: REGION, label: 'bench' };
    return {
      event: { Records: [streamRecord(source, undefined, noteToItem(ANONYMOUS_OWNER, note))] },
      check: expectJson((value) =>
        Array.isArray(value?.batchItemFailures) && value.batchItemFailures.length === 0
          ? undefined
          : 'failures reported',
      ),
    };
  }
  // The rule's delivery to the subscriber: the CloudEvent in `detail`; it writes the activity.
  const cloudEvent = changeToEvent({ kind: 'created', owner: ANONYMOUS_OWNER, note, time: note.createdAt });
  return {
    event: {
      version: '0',
      id: '00000000-0000-0000-0000-000000000000',
      'detail-type': cloudEvent.type,
      source: EVENTBRIDGE_SOURCE,
      account: '000000000000',
      time: note.createdAt.replace(/\.\d{3}Z$/, 'Z'),
      region: REGION,
      resources: [],
      detail: cloudEvent,
    },
    check: (body) => (body === 'null' || body === '' ? undefined : 'a result where none is returned'),
  };
}
