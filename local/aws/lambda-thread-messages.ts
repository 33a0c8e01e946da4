// What local mode asks the Lambda thread (lambda-thread.ts, lambda-thread-entry.ts): one invocation, one answer.
export type ToLambdaThread = { id: number; name: 'publisher' | 'subscriber'; event: unknown };
export type FromLambdaThread =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string } }
  /** A log line of the functions, for local mode's sink (workerData.forwardLogs). */
  | { log: Record<string, unknown> };
