import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import { createEventGridServer, type CloudEvent } from '../../local/azure/eventgrid-server';
import { withListening } from './helpers/listen';
import { NOTE_EVENT_SOURCE, noteEventType } from '../../contract/events';

const key = 'the-topic-key';

function publisher(port: number, withKey = key) {
  return new EventGridPublisherClient(
    `http://127.0.0.1:${port}/api/events`,
    'CloudEvent',
    new AzureKeyCredential(withKey),
    {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    },
  );
}

const event = {
  id: 'n1.v1.created',
  source: NOTE_EVENT_SOURCE,
  type: noteEventType('created'),
  subject: 'n1',
  time: new Date('2026-01-02T03:04:05Z'),
  data: { note: { id: 'n1' } },
};

describe('local Event Grid topic, driven by the real EventGridPublisherClient', () => {
  it('accepts a CloudEvents batch with the topic key and hands each event on', async () => {
    const received: CloudEvent[] = [];
    await withListening(createEventGridServer({ key, onEvent: (e) => void received.push(e) }), async (port) => {
      await publisher(port).send([event, { ...event, id: 'n1.v2.updated', type: noteEventType('updated') }]);
    });
    expect(received.map((e) => e.id)).toEqual(['n1.v1.created', 'n1.v2.updated']);
    expect(received[0]).toMatchObject({
      specversion: '1.0',
      source: NOTE_EVENT_SOURCE,
      subject: 'n1',
      time: '2026-01-02T03:04:05.000Z',
      data: { note: { id: 'n1' } },
    });
  });

  it('answers an accepted batch with 200 and an empty body of length 0', async () => {
    await withListening(createEventGridServer({ key, onEvent: () => {} }), async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/events?api-version=2018-01-01`, {
        method: 'POST',
        headers: { 'aeg-sas-key': key, 'content-type': 'application/cloudevents-batch+json; charset=utf-8' },
        body: JSON.stringify([{ specversion: '1.0', id: 'a', source: 's', type: 't' }]),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe('0');
      expect(await response.text()).toBe('');
    });
  });

  it('refuses a wrong key with 401 and delivers nothing', async () => {
    const received: CloudEvent[] = [];
    await withListening(createEventGridServer({ key, onEvent: (e) => void received.push(e) }), async (port) => {
      await expect(publisher(port, 'wrong-key').send([event])).rejects.toMatchObject({ statusCode: 401 });
    });
    expect(received).toEqual([]);
  });

  it('refuses a batch with an invalid event as a whole', async () => {
    const received: CloudEvent[] = [];
    await withListening(createEventGridServer({ key, onEvent: (e) => void received.push(e) }), async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/events?api-version=2018-01-01`, {
        method: 'POST',
        headers: { 'aeg-sas-key': key, 'content-type': 'application/cloudevents-batch+json; charset=utf-8' },
        body: JSON.stringify([
          { specversion: '1.0', id: 'a', source: 's', type: 't' },
          { specversion: '1.0', id: 'b', source: 's' },
        ]),
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toMatch(/event 1: type is required/);
      // A length, not chunked, as Event Grid answers.
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    });
    expect(received).toEqual([]);
  });
});
