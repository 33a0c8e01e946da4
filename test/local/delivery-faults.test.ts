import { DeliveryFaults, InjectedFault } from '../../local/faults';

describe('DeliveryFaults (the counters and switches behind startLocal().faults)', () => {
  it('changes nothing until asked: every event once, every delivery passed through', async () => {
    const faults = new DeliveryFaults();
    const seen: string[] = [];
    const deliver = faults.subscriber(async (event: string) => void seen.push(event));
    for (const event of ['a', 'b']) for (let n = faults.copies(); n > 0; n -= 1) await deliver(event);
    expect(seen).toEqual(['a', 'b']);
    expect(faults.counts).toMatchObject({
      busEvents: 2,
      subscriberAttempts: 2,
      subscriberSucceeded: 2,
      subscriberFailuresInjected: 0,
    });
  });

  it('fails the next n invocations, then none', async () => {
    const faults = new DeliveryFaults();
    const deliver = faults.subscriber(async () => undefined);
    faults.failSubscriber(2);
    await expect(deliver('a')).rejects.toBeInstanceOf(InjectedFault);
    await expect(deliver('a')).rejects.toThrow('injected subscriber failure');
    await expect(deliver('a')).resolves.toBeUndefined();
    expect(faults.counts).toMatchObject({
      subscriberAttempts: 3,
      subscriberFailuresInjected: 2,
      subscriberSucceeded: 1,
    });
  });

  it('fails every invocation whose event matches a predicate, and duplicates when asked', async () => {
    const faults = new DeliveryFaults();
    const deliver = faults.subscriber(async () => undefined);
    faults.failSubscriber((event) => event === 'poison');
    await expect(deliver('poison')).rejects.toBeInstanceOf(InjectedFault);
    await expect(deliver('fine')).resolves.toBeUndefined();
    faults.duplicateDeliveries(true);
    expect(faults.copies()).toBe(2);
    faults.duplicateDeliveries(false);
    expect(faults.copies()).toBe(1);
  });

  it('counts publisher attempts and failures, thrown or reported', async () => {
    const faults = new DeliveryFaults();
    const publish = faults.publisher(
      async (batch: number[]) => (batch.includes(0) ? 0 : undefined),
      (failedAt) => failedAt !== undefined,
    );
    await publish([1]);
    await publish([0]);
    await expect(
      faults.publisher(
        async () => Promise.reject(new Error('down')),
        () => false,
      )([1]),
    ).rejects.toThrow('down');
    expect(faults.counts).toMatchObject({ publisherAttempts: 3, publisherFailures: 2 });
  });

  it.each([[-1], [1.5], [Number.NaN]])(
    'refuses failSubscriber(%p) with a clear error and keeps the current rule',
    async (bad) => {
      const faults = new DeliveryFaults();
      faults.failSubscriber(1);
      expect(() => faults.failSubscriber(bad)).toThrow(RangeError);
      expect(() => faults.failSubscriber(bad)).toThrow(`failSubscriber needs a count >= 0 or a predicate, not ${bad}`);
      await expect(faults.subscriber(async () => undefined)('a')).rejects.toBeInstanceOf(InjectedFault);
    },
  );
});
