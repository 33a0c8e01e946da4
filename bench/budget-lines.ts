// One line per budgeted number in a run: value, limit, met / missed.
import { budgets, checkBudget, type BudgetStatus } from './budgets';
import { AWS_NODE_OPTIONS, AWS_SDK_SHIPPING } from '../program/bundle';
import { durableTargets } from './http-load';
import type { BenchResults } from './results';

export interface BudgetLine {
  what: string;
  value: number | undefined;
  limit: number;
  unit: 'bytes' | 'ms' | '×';
  status: BudgetStatus;
}

function line(what: string, value: number | undefined, limit: number, unit: BudgetLine['unit']): BudgetLine {
  return { what, value, limit, unit, status: checkBudget(value, limit) };
}

export function budgetLines(results: BenchResults): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const api = results.bundles?.sizes.find((s) => s.name === 'aws-api');
  lines.push(line('AWS api bundle, minified', api?.minifiedBytes, budgets.awsApiBundleBytes, 'bytes'));
  for (const cold of results.bundles?.coldRequire ?? []) {
    lines.push(
      line(`cold require ${cold.name} (median)`, cold.error ? undefined : cold.ms.median, budgets.coldRequireMs, 'ms'),
    );
  }
  const init = results.lambdaInit && 'rows' in results.lambdaInit ? results.lambdaInit : undefined;
  if (results.lambdaInit) {
    const api = init?.rows.find(
      (r) => r.function === 'api' && r.sdk === AWS_SDK_SHIPPING && r.nodeOptions === AWS_NODE_OPTIONS,
    );
    lines.push(
      line(`Lambda init, api (SDK ${AWS_SDK_SHIPPING}), median`, api?.initMs.median, budgets.lambdaApiInitMs, 'ms'),
    );
    const azureLoad = init ? init.azure.processMs.median - init.azure.nodeAloneMs.median : undefined;
    lines.push(line("Azure package load beyond Node's start, median", azureLoad, budgets.azurePackageLoadMs, 'ms'));
  }
  for (const a of results.adapters?.results ?? []) {
    if (a.target === 'core fetch') continue;
    lines.push(
      line(
        `${a.target} ${a.scenario}: p50 vs core fetch (in-process)`,
        a.p50Ratio,
        budgets.adapterOverheadP50Ratio,
        '×',
      ),
    );
  }
  for (const o of results.http?.overheads ?? []) {
    // On disk the answer waits for fsync: that is durability's cost, not the adapter overhead this budget bounds.
    if (durableTargets.includes(o.target)) continue;
    lines.push(
      line(`${o.target} ${o.scenario}: p50 vs floor (local mode)`, o.p50Ratio, budgets.adapterOverheadP50Ratio, '×'),
    );
  }
  if (results.startup)
    lines.push(line('local mode up (median)', results.startup.ms.median, budgets.localStartupMs, 'ms'));
  for (const p of results.programEval ?? []) {
    lines.push(line(`program evaluation, clouds=${p.clouds} (median)`, p.evalMs.median, budgets.programEvalMs, 'ms'));
  }
  return lines;
}
