import { PerKeySerializer } from '../../local/aws/per-key-serializer';

/** A task that records when it starts and finishes and ends only when released. */
function gatedTask(name: string, events: string[]) {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    release = () => resolve(name);
    fail = reject;
  });
  const task = async () => {
    events.push(`start ${name}`);
    try {
      return await done;
    } finally {
      events.push(`end ${name}`);
    }
  };
  return { task, release: () => release(), fail: (error: Error) => fail(error) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('PerKeySerializer', () => {
  it('runs tasks on the same key one after another, in the order given', async () => {
    const serializer = new PerKeySerializer();
    const events: string[] = [];
    const a = gatedTask('a', events);
    const b = gatedTask('b', events);
    const runA = serializer.run(['k'], a.task);
    const runB = serializer.run(['k'], b.task);
    await turn();
    expect(events).toEqual(['start a']);
    a.release();
    await expect(runA).resolves.toBe('a');
    await turn();
    expect(events).toEqual(['start a', 'end a', 'start b']);
    b.release();
    await expect(runB).resolves.toBe('b');
    await turn();
    expect(serializer.busyKeys).toBe(0);
  });

  it('runs tasks on different keys at the same time', async () => {
    const serializer = new PerKeySerializer();
    const events: string[] = [];
    const a = gatedTask('a', events);
    const b = gatedTask('b', events);
    const runs = [serializer.run(['k1'], a.task), serializer.run(['k2'], b.task)];
    await turn();
    expect(events).toEqual(['start a', 'start b']);
    b.release();
    a.release();
    await expect(Promise.all(runs)).resolves.toEqual(['a', 'b']);
  });

  it('makes a task on several keys wait for every earlier task on any of them', async () => {
    const serializer = new PerKeySerializer();
    const events: string[] = [];
    const a = gatedTask('a', events);
    const b = gatedTask('b', events);
    const both = gatedTask('both', events);
    const runs = [
      serializer.run(['k1'], a.task),
      serializer.run(['k2'], b.task),
      serializer.run(['k1', 'k2', 'k1'], both.task),
    ];
    await turn();
    a.release();
    await runs[0];
    await turn();
    expect(events).not.toContain('start both');
    b.release();
    await runs[1];
    await turn();
    expect(events).toContain('start both');
    both.release();
    await runs[2];
    await turn();
    expect(serializer.busyKeys).toBe(0);
  });

  it('reports a failure to its caller and still runs the next task on the key', async () => {
    const serializer = new PerKeySerializer();
    const events: string[] = [];
    const a = gatedTask('a', events);
    const runA = serializer.run(['k'], a.task);
    const runB = serializer.run(['k'], async () => 'b');
    a.fail(new Error('boom'));
    await expect(runA).rejects.toThrow('boom');
    await expect(runB).resolves.toBe('b');
    await turn();
    expect(serializer.busyKeys).toBe(0);
  });
});
