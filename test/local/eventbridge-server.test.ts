import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { createEventBridgeServer, type BusEvent } from '../../local/aws/eventbridge-server';
import { withListening } from './helpers/listen';
import { noteEventType } from '../../contract/events';
import { EVENTBRIDGE_SOURCE } from '../../contract/aws';

function client(port: number): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    maxAttempts: 1,
  });
}

describe('local EventBridge PutEvents endpoint, driven by the real SDK client', () => {
  it('accepts entries for the bus and turns them into EventBridge events with the detail parsed', async () => {
    const events: BusEvent[] = [];
    await withListening(
      createEventBridgeServer({ busName: 'bus', region: 'us-east-1', onEvent: (e) => void events.push(e) }),
      async (port) => {
        const sdk = client(port);
        const out = await sdk.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: 'bus',
                Source: EVENTBRIDGE_SOURCE,
                DetailType: noteEventType('created'),
                Detail: '{"id":"e1"}',
                Time: new Date('2026-01-02T03:04:05.678Z'),
              },
            ],
          }),
        );
        sdk.destroy();
        expect(out.FailedEntryCount).toBe(0);
        expect(out.Entries).toEqual([{ EventId: events[0]!.id }]);
      },
    );
    expect(events).toEqual([
      expect.objectContaining({
        version: '0',
        source: EVENTBRIDGE_SOURCE,
        'detail-type': noteEventType('created'),
        time: '2026-01-02T03:04:05Z',
        region: 'us-east-1',
        resources: [],
        detail: { id: 'e1' },
      }),
    ]);
  });

  it('reports per-entry failures for another bus or a malformed detail, and accepts nothing of them', async () => {
    const events: BusEvent[] = [];
    await withListening(
      createEventBridgeServer({ busName: 'bus', region: 'us-east-1', onEvent: (e) => void events.push(e) }),
      async (port) => {
        const sdk = client(port);
        const out = await sdk.send(
          new PutEventsCommand({
            Entries: [
              { EventBusName: 'other', Source: 's', DetailType: 't', Detail: '{}' },
              { EventBusName: 'bus', Source: 's', DetailType: 't', Detail: 'not json' },
              {
                EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/bus',
                Source: 's',
                DetailType: 't',
                Detail: '{}',
              },
            ],
          }),
        );
        sdk.destroy();
        expect(out.FailedEntryCount).toBe(2);
        expect(out.Entries?.map((e) => e.ErrorCode)).toEqual([
          'ResourceNotFoundException',
          'MalformedDetail',
          undefined,
        ]);
      },
    );
    expect(events).toHaveLength(1);
  });

  it('rejects a request without entries', async () => {
    await withListening(
      createEventBridgeServer({ busName: 'bus', region: 'us-east-1', onEvent: () => {} }),
      async (port) => {
        const sdk = client(port);
        await expect(sdk.send(new PutEventsCommand({ Entries: [] }))).rejects.toThrow(/1 to 10/);
        sdk.destroy();
      },
    );
  });

  it('answers with a length, not chunked, as EventBridge does', async () => {
    await withListening(
      createEventBridgeServer({ busName: 'bus', region: 'us-east-1', onEvent: () => {} }),
      async (port) => {
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
          body: JSON.stringify({ Entries: [{ EventBusName: 'bus', Source: 's', DetailType: 't', Detail: '{}' }] }),
        });
        const text = await response.text();
        expect(response.status).toBe(200);
        expect(JSON.parse(text)).toMatchObject({ FailedEntryCount: 0 });
        expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      },
    );
  });
});
