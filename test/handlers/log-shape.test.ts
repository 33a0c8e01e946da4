// One Logger for all six entries: the same thing logged by both clouds' entries is a JSON line with
// the same keys (only `cloud` and figures such as durationMs differ), whatever sink it goes to.
import { ANONYMOUS_OWNER as OWNER } from '../../handlers/core/auth/owner';
import { noSignIn } from '../../handlers/core/auth/authenticator';
import type { APIGatewayProxyEventV2, DynamoDBRecord } from 'aws-lambda';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { apiHandler as awsApiHandler } from '../../handlers/aws/api-handler';
import { publishStreamBatch } from '../../handlers/aws/stream-batch';
import { noteToItem } from '../../handlers/aws/stored-note';
import { createApiHandler } from '../../handlers/azure/api';
import { invocationLogger } from '../../handlers/azure/invocation-log';
import { createPublisherHandler } from '../../handlers/azure/publisher';
import { createApp } from '../../handlers/core/app';
import { createLogger } from '../../handlers/core/log';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import type { NoteEvent } from '../../handlers/core/ports';
import { sampleNote } from '../contract/note-store-contract';

type Line = Record<string, unknown>;

function capture(): { lines: Line[]; sink: (line: Line) => void } {
  const lines: Line[] = [];
  return { lines, sink: (line) => lines.push(JSON.parse(JSON.stringify(line)) as Line) };
}

const keysOf = (lines: Line[]) => lines.map((line) => Object.keys(line).sort());
const publisher = () => ({ publish: async (_events: NoteEvent[]) => {} });

function insertRecord(item: unknown, sequence = '1'): DynamoDBRecord {
  return { eventID: sequence, eventName: 'INSERT', dynamodb: { SequenceNumber: sequence, NewImage: item as never } };
}

describe('the publishers log the same lines on both clouds', () => {
  it('a published batch and a change that is not a note', async () => {
    const note = sampleNote();
    const aws = capture();
    await publishStreamBatch([insertRecord(noteToItem(OWNER, note), '1')], publisher(), createLogger('aws', aws.sink));
    await publishStreamBatch([insertRecord({ id: { S: 'stray' } }, '2')], publisher(), createLogger('aws', aws.sink));

    const azure = capture();
    const handler = createPublisherHandler(publisher, { log: createLogger('azure', azure.sink) });
    await handler([{ ...note, owner: OWNER }], new InvocationContext());
    await handler([{ id: 'stray' }], new InvocationContext());

    expect(aws.lines.map((l) => [l.level, l.cloud, l.message])).toEqual([
      ['info', 'aws', 'publisher: published'],
      ['error', 'aws', 'publisher: stream record rejected'],
    ]);
    expect(azure.lines.map((l) => [l.level, l.cloud, l.message])).toEqual([
      ['info', 'azure', 'publisher: published'],
      ['error', 'azure', 'publisher: skipped a change-feed document'],
    ]);
    expect(keysOf(aws.lines)).toEqual(keysOf(azure.lines));
    expect(keysOf(aws.lines)[1]).toEqual(['cloud', 'errorMessage', 'errorName', 'level', 'message', 'stack']);
    expect(aws.lines[0]!.events).toBe(1);
    expect(azure.lines[0]!.events).toBe(1);
  });
});

describe('the api entries log the same request line on both clouds', () => {
  it('for the same request, refused by the pre-check or answered by the app', async () => {
    const stores = () => ({ auth: noSignIn(), notes: new MemoryNoteStore(), activity: new MemoryActivityStore() });
    const aws = capture();
    const awsApi = awsApiHandler({ ...stores(), servedBy: 'aws', log: createLogger('aws', aws.sink) });
    const azure = capture();
    const azureLog = createLogger('azure', azure.sink);
    const app = createApp({ ...stores(), servedBy: 'azure', log: azureLog });
    const azureApi = createApiHandler(
      () => app,
      () => 'azure',
      () => azureLog,
    );

    for (const headers of [{}, { 'x-note': 'ünï' }] as Record<string, string>[]) {
      const event = {
        rawPath: '/api/hello',
        rawQueryString: '',
        headers,
        requestContext: { domainName: 'h', http: { method: 'GET' } },
      };
      await awsApi(event as unknown as APIGatewayProxyEventV2); // only what the adapter reads
      await azureApi(
        new HttpRequest({ method: 'GET', url: 'https://notes.example/api/hello', headers }),
        new InvocationContext(),
      );
    }

    const withoutFigures = (lines: Line[]) => lines.map(({ cloud: _c, durationMs: _d, ...rest }) => rest);
    expect(aws.lines).toHaveLength(2);
    expect(withoutFigures(aws.lines)).toEqual(withoutFigures(azure.lines));
    expect(keysOf(aws.lines)).toEqual(keysOf(azure.lines));
    expect(aws.lines.map((l) => [l.cloud, l.status])).toEqual([
      ['aws', 200],
      ['aws', 400],
    ]);
  });
});

describe("Azure's invocation-context sink", () => {
  it('writes the Logger line as JSON, errors through context.error', () => {
    const written: [string, string][] = [];
    const context = new InvocationContext({ logHandler: (level, ...args) => written.push([level, args.join(' ')]) });
    const direct = capture();
    for (const log of [invocationLogger(context), createLogger('azure', direct.sink)]) {
      log.info('subscriber: recorded', { eventId: 'e1' });
      log.error(new RangeError('boom'), { message: 'publisher: skipped a change-feed document' });
    }
    expect(written.map(([level]) => level)).toEqual(['information', 'error']);
    expect(written.map(([, text]) => JSON.parse(text) as Line)).toEqual(direct.lines);
  });
});
