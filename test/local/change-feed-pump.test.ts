import { ChangeFeedPump } from '../../local/change-feed-pump';
import type { DeadLetter } from '../../local/dead-letter';
import { DeliveryQueue } from '../../local/delivery-queue';

const fast = { maxAttempts: 3, baseDelayMs: 1 };

describe('ChangeFeedPump (stream / change feed delivery)', () => {
  it('delivers records in order, in batches, and drains', async () => {
    const batches: number[][] = [];
    const pump = new ChangeFeedPump<number>(
      'test',
      async (batch) => {
        batches.push(batch);
        return undefined;
      },
      [],
      2,
      fast,
    );
    pump.append(1, 2, 3);
    pump.append(4, 5);
    await pump.drain();
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(batches.every((b) => b.length <= 2)).toBe(true);
    expect(pump.pending).toBe(0);
  });

  it('retries from the first failed record and keeps the ones before it', async () => {
    const calls: number[][] = [];
    let failOnce = true;
    const pump = new ChangeFeedPump<number>(
      'test',
      async (batch) => {
        calls.push(batch);
        if (failOnce && batch.includes(2)) {
          failOnce = false;
          return batch.indexOf(2);
        }
        return undefined;
      },
      [],
      10,
      fast,
    );
    pump.append(1, 2, 3);
    await pump.drain();
    expect(calls).toEqual([
      [1, 2, 3],
      [2, 3],
    ]);
  });

  it('retries a batch whose delivery throws, then dead-letters it and moves on', async () => {
    const deadLetters: DeadLetter<number[]>[] = [];
    const delivered: number[] = [];
    const pump = new ChangeFeedPump<number>(
      'test',
      async (batch) => {
        if (batch[0] === 1) throw new Error('publisher down');
        delivered.push(...batch);
        return undefined;
      },
      deadLetters,
      1,
      fast,
    );
    pump.append(1, 2);
    await pump.drain();
    expect(deadLetters).toEqual([
      expect.objectContaining({ source: 'test', item: [1], attempts: 3, error: 'publisher down' }),
    ]);
    expect(delivered).toEqual([2]);
  });
});

describe('DeliveryQueue (event bus delivery)', () => {
  it('retries a failing delivery until it succeeds', async () => {
    let attempts = 0;
    const deadLetters: DeadLetter<string>[] = [];
    const queue = new DeliveryQueue<string>(
      'bus',
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('not yet');
      },
      deadLetters,
      fast,
    );
    queue.enqueue('e1');
    await queue.drain();
    expect(attempts).toBe(3);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters an event after the last attempt, with the reason', async () => {
    const deadLetters: DeadLetter<string>[] = [];
    const queue = new DeliveryQueue<string>(
      'bus',
      async (item) => {
        if (item === 'bad') throw new Error('invalid event');
      },
      deadLetters,
      fast,
    );
    queue.enqueue('good');
    queue.enqueue('bad');
    expect(queue.pending).toBe(2);
    await queue.drain();
    expect(queue.pending).toBe(0);
    expect(deadLetters).toEqual([
      expect.objectContaining({ source: 'bus', item: 'bad', attempts: 3, error: 'invalid event' }),
    ]);
  });
});
