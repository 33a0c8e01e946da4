// Shared shapes of the compare tool: what one request returned, what one step found, what a run reports.

import type { Cloud } from '../contract/served-by';

export { CLOUDS, type Cloud } from '../contract/served-by';

export type CloudUrls = Record<Cloud, string>;

/** One HTTP exchange with one cloud. `status` is undefined when no response came (network error, timeout). */
export interface Exchange {
  status: number | undefined;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
  body: unknown;
  latencyMs: number;
  error?: string;
}

/** What one cloud did in one step: usually one exchange; polling steps summarise several. */
export interface StepOutcome extends Exchange {
  /** Why the outcome is incomplete, e.g. a deadline passed while polling. */
  note?: string;
}

/** One named difference: the step, where (status, header:x, or a path in the body) and both values. */
export interface Difference {
  step: string;
  path: string;
  aws: string;
  azure: string;
}

/** One way one cloud broke the contract (docs/ARCHITECTURE.md) in one step. */
export interface Violation {
  step: string;
  cloud: Cloud;
  /** What was checked: answer, status, header:<name>, body or body.<path>, complete, delivered. */
  rule: string;
  expected: string;
  found: string;
}

export interface StepResult {
  step: string;
  description: string;
  /** Why the step did not run (e.g. "not applicable: sign-in is off"); its outcomes are then empty. */
  notApplicable?: string;
  aws: StepOutcome;
  azure: StepOutcome;
  /** Each cloud against the contract, on its own. */
  contract: Record<Cloud, Violation[]>;
  /** The two clouds against each other. */
  differences: Difference[];
}

export interface LatencySummary {
  requests: number;
  /** The run's first request, kept apart from the percentiles (it pays for cold starts and new connections). */
  firstMs: number | undefined;
  p50: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  max: number | undefined;
  errors: number;
  /** Error kinds and how often each happened, e.g. { "503": 2, "timeout": 1 }. */
  errorKinds: Record<string, number>;
  /** Latencies of the successful requests after the first, in completion order (for charts). */
  samplesMs: number[];
}

export interface EventLatencySummary {
  notes: number;
  /** write committed (201 received) → note.created visible in the activity, per note; null when it never showed. */
  samplesMs: Array<number | null>;
  p50: number | undefined;
  max: number | undefined;
  /** Notes whose event did not show before --event-timeout (or that could not be created). */
  undelivered: number;
}

export interface CompareReport {
  source: { kind: 'flags' | 'pulumi' | 'local'; detail: string };
  urls: CloudUrls;
  /** The preflight's GET /api/health that found each cloud ready: the coldest request of the session. */
  firstContactMs: Record<Cloud, number>;
  /** Preflight attempts until each cloud was ready (more than 1 only with --wait-ready). */
  readyAfterAttempts: Record<Cloud, number>;
  /** Whether the two-user steps ran, and why (compare/sign-in-mode.ts). */
  signIn: { on: boolean; why: string };
  steps: StepResult[];
  latency?: Record<Cloud, LatencySummary>;
  eventLatency?: Record<Cloud, EventLatencySummary>;
  /** Every step's contract violations, and those of the load runs. */
  violations: Violation[];
  differences: Difference[];
  /** Problems that are not differences in behaviour (e.g. cleanup that failed). */
  warnings: string[];
  /** Per cloud: no violation. */
  meetsContract: Record<Cloud, boolean>;
  /** No difference between the clouds. */
  same: boolean;
  /** Both meet the contract and behave the same: exit 0. */
  passed: boolean;
  /** The closing lines of the terminal output: who is faster, and the verdict (last). */
  verdict: string[];
}
