// Pulumi program evaluation under mocks, per clouds setting, each run in a fresh Node process so
// module loading (the providers' SDKs are large) is paid every time, as on every `pulumi preview`.
import { join } from 'node:path';
import type { Clouds } from '../program/config';
import { lastJsonLine, runNode } from './run-node';
import { summarize, type Summary } from './stats';

export interface ProgramEval {
  clouds: Clouds;
  /** From setMocks to the last resource registered (loading index.ts and its providers included). */
  evalMs: Summary;
  /** Of that, the synchronous require of index.ts (imports, bundling, resource constructors). */
  loadMs: Summary;
  /** Since the process started (Node + tsx start-up + @pulumi/pulumi + evaluation). */
  processMs: Summary;
  resources: number;
}

interface ChildResult {
  evalMs: number;
  loadMs: number;
  processMs: number;
  resources: number;
}

export async function measureProgramEval(repoRoot: string, clouds: Clouds, runs: number): Promise<ProgramEval> {
  const results: ChildResult[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { stdout } = await runNode(['--import', 'tsx', join(repoRoot, 'bench/program-eval-child.ts'), clouds], {
      cwd: repoRoot,
      timeoutMs: 180_000,
    });
    results.push(lastJsonLine<ChildResult>(stdout));
  }
  return {
    clouds,
    evalMs: summarize(results.map((r) => r.evalMs)),
    loadMs: summarize(results.map((r) => r.loadMs)),
    processMs: summarize(results.map((r) => r.processMs)),
    resources: results[results.length - 1].resources,
  };
}
