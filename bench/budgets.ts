// The performance budgets the README promises. Compared and printed as met / missed, never asserted:
// a benchmark on a shared machine informs, it does not fail a build.

export const budgets = {
  /** 60 KB read strictly as 60 000 bytes of minified JavaScript (index.js alone, without its map). */
  awsApiBundleBytes: 60_000,
  coldRequireMs: 50,
  /** AWS api: process start → first `next` on the real RIC, Node 22 (median). */
  lambdaApiInitMs: 150,
  /** Azure package: process start → package loaded, Node 22, minus Node's own start (median). */
  azurePackageLoadMs: 100,
  /** Adapter p50 latency divided by the bare Hono-on-Node floor's p50, same scenario, same run. */
  adapterOverheadP50Ratio: 1.5,
  localStartupMs: 3_000,
  programEvalMs: 3_000,
} as const;

export type BudgetStatus = 'met' | 'missed' | 'not measured';

/** Every budget here is an upper bound. */
export function checkBudget(value: number | undefined, limit: number): BudgetStatus {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  return value <= limit ? 'met' : 'missed';
}
