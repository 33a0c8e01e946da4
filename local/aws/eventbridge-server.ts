import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { EventBridgeEvent } from 'aws-lambda';
import { readBody } from '../read-body';

// The PutEvents JSON protocol (x-amz-target AWSEvents.PutEvents, application/x-amz-json-1.1) as the real
// @aws-sdk/client-eventbridge speaks it. Accepted entries go to the bus's rule; the bus answers before
// delivery, as EventBridge does.

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
}

export type BusEvent = EventBridgeEvent<string, unknown>;

export interface EventBusOptions {
  busName: string;
  region: string;
  /** Called for every accepted event; the rule decides whether to deliver. PutEvents answers once it settles. */
  onEvent: (event: BusEvent) => void | Promise<void>;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // With a length, as EventBridge answers: writeHead alone would send the body chunked.
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function entryTime(time: PutEventsEntry['Time']): string {
  // The SDK serialises Date as epoch seconds; the event carries ISO 8601 without milliseconds.
  const date = time === undefined ? new Date() : typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Validates one entry like EventBridge does; returns the per-entry error or the event. */
export function toBusEvent(
  entry: PutEventsEntry,
  options: Pick<EventBusOptions, 'busName' | 'region'>,
): { error: { ErrorCode: string; ErrorMessage: string } } | { event: BusEvent } {
  const busName = entry.EventBusName ?? 'default';
  const busMatches = busName === options.busName || busName.endsWith(`:event-bus/${options.busName}`);
  if (!busMatches)
    return { error: { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${busName} does not exist.` } };
  if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
    return {
      error: { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' },
    };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object.' } };
  }
  return {
    event: {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: entryTime(entry.Time),
      region: options.region,
      resources: entry.Resources ?? [],
      detail,
    },
  };
}

export function createEventBridgeServer(options: EventBusOptions): Server {
  return createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    let input: { Entries?: PutEventsEntry[] };
    try {
      input = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { Entries?: PutEventsEntry[] };
    } catch {
      return reply(res, 400, { __type: 'SerializationException', message: 'request body is not JSON' });
    }
    if (target !== 'AWSEvents.PutEvents') {
      return reply(res, 400, {
        __type: 'UnknownOperationException',
        message: `${target || 'this operation'} is not emulated; only PutEvents`,
      });
    }
    const entries = input.Entries ?? [];
    if (entries.length < 1 || entries.length > 10) {
      return reply(res, 400, { __type: 'ValidationException', message: 'Entries must contain 1 to 10 items.' });
    }
    const results = entries.map((entry) => toBusEvent(entry, options));
    try {
      // Accepted means kept: the answer waits until the rule's target has the events durably.
      await Promise.all(results.map((result) => ('event' in result ? options.onEvent(result.event) : undefined)));
    } catch (error) {
      return reply(res, 500, { __type: 'InternalException', message: String(error) });
    }
    reply(res, 200, {
      FailedEntryCount: results.filter((r) => 'error' in r).length,
      Entries: results.map((r) => ('event' in r ? { EventId: r.event.id } : r.error)),
    });
  });
}
