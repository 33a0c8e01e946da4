// What a cold-start driver needs from each cloud: a way to make the next request land on a new
// instance, to know when that is in effect, and to undo what it changed.
import type { Cloud } from '../types';

export interface ColdStartForcer {
  cloud: Cloud;
  /** What is restarted, for the output: "Lambda function notes-api", "Function App notes-app". */
  target: string;
  /** Makes the next request a cold start; resolves once that is in effect (never before). */
  force(attempt: number): Promise<void>;
  /** The platform's own init figures for cold starts since `since`, where it reports them. */
  initDurations?(since: Date, expected: number): Promise<number[]>;
  /** Puts back what `force` changed. Called once, after the last cold start, even after a failure. */
  restore(): Promise<void>;
}

/** An error that ends the run at once: waiting or retrying would not help (credentials, permissions). */
export class ForcerConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForcerConfigurationError';
  }
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
