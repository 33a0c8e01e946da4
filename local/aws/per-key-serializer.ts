/**
 * Runs tasks one at a time per key and concurrently across keys: a task waits for every earlier task
 * that shares one of its keys (a BatchWriteItem touches several), never for tasks on other keys.
 * DynamoDB Streams order records per item only, so the stream capture needs no more than this.
 */
export class PerKeySerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const earlier = unique.map((key) => this.tails.get(key)).filter((tail) => tail !== undefined);
    const result = earlier.length === 0 ? task() : Promise.all(earlier).then(task);
    // A failed task must not block the next one on its keys; its caller sees the failure.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running (tests: the map must not grow without bound). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
