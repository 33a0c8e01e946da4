// The cost report in the terminal: per scenario step per million requests, the month of the traffic
// profile line by line, idle cost, and where every price comes from.
import Table from 'cli-table3';
import type { CostReport } from './estimate';
import { quantity, usd } from './format';
import { COST_CLOUDS } from './prices';

// No colours: read in CI logs and pasted into issues as often as in a terminal.
const PLAIN = { style: { head: [], border: [], compact: true } };

function stepsTable(report: CostReport): string {
  const table = new Table({
    ...PLAIN,
    head: ['step', 'aws $/1M', 'azure $/1M', 'aws RRU/WRU', 'azure RU', 'aws ms', 'azure ms', 'event'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const s of report.steps) {
    const event = s.aws?.withEvent || s.azure?.withEvent ? 'yes' : '';
    const a = s.aws;
    const z = s.azure;
    table.push([
      s.step,
      a ? usd(a.usdPerMillion) : '-',
      z ? usd(z.usdPerMillion) : '-',
      a ? `${quantity(a.measure.readUnits)}/${quantity(a.measure.writeUnits)}` : '-',
      z ? quantity(z.measure.requestUnits) : '-',
      a ? (a.basis === 'reported' ? a.measure.durationMs.toFixed(1) : 'n/r') : '-',
      z ? (z.basis === 'reported' ? z.measure.durationMs.toFixed(1) : 'n/r') : '-',
      event,
    ]);
  }
  return table.toString();
}

function summaryTable(report: CostReport): string {
  const table = new Table({
    ...PLAIN,
    head: ['per month', 'region', 'traffic + storage', 'with free tiers', 'idle', 'idle with free tiers'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const cloud of COST_CLOUDS) {
    const m = report.monthly[cloud];
    const i = report.idle[cloud];
    const region = cloud === 'aws' ? report.stack.awsRegion : report.stack.azureRegion;
    table.push([
      cloud,
      region,
      usd(m.usdWithoutFreeTiers),
      usd(m.usdWithFreeTiers),
      usd(i.usdWithoutFreeTiers),
      usd(i.usdWithFreeTiers),
    ]);
  }
  return table.toString();
}

function linesTable(report: CostReport): string {
  const table = new Table({
    ...PLAIN,
    head: ['cloud', 'price line', 'quantity / month', 'unit', 'free / month', 'cost', 'with free tier', 'idle'],
    colAligns: ['left', 'left', 'right', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const cloud of COST_CLOUDS) {
    for (const l of report.monthly[cloud].lines) {
      const idle = report.idle[cloud].lines.find((i) => i.line === l.line);
      table.push([
        cloud,
        `${l.line}${l.unverified ? ' *' : ''}`,
        quantity(l.quantity),
        l.unit,
        l.freeQuantity ? quantity(l.freeQuantity) : '-',
        usd(l.usdWithoutFreeTier),
        usd(l.usdWithFreeTier),
        idle ? usd(idle.usdWithoutFreeTier) : '-',
      ]);
    }
  }
  return table.toString();
}

function sources(report: CostReport): string[] {
  const seen = new Map<string, string[]>();
  for (const p of report.prices) {
    const key = `${p.source} (read ${p.read})`;
    seen.set(key, [...(seen.get(key) ?? []), `${p.cloud}/${p.region} ${p.line}${p.unverified ? ' *' : ''}`]);
  }
  return [...seen.entries()].map(([source, lines]) => `  ${source}: ${lines.join(', ')}`);
}

export function renderCostText(report: CostReport): string {
  const out = [
    `Cost per million requests of each scenario step (list prices, no free tiers; "event" = a committed write, its event published, delivered and recorded included)`,
    stepsTable(report),
    '',
    `A month of traffic: ${report.profileText}`,
    summaryTable(report),
    linesTable(report),
    '* price not confirmed on the day it was read (the reason is in compare/cost/prices.json)',
    '',
    'How the figures were obtained:',
    ...COST_CLOUDS.flatMap((cloud) => report.basis[cloud].map((b) => `  ${cloud}: ${b}`)),
    'Assumed (not measured):',
    ...report.assumptions.map((a) => `  ${a}`),
    'Free tiers (monthly):',
    ...report.freeTiers.map(
      (f) => `  ${f.cloud} ${f.line}: ${quantity(f.quantity)} (${f.scope}) — ${f.source}, read ${f.read}`,
    ),
    'Prices (USD) from:',
    ...sources(report),
    'Left out: data transfer out, support plans, taxes, savings plans and reservations.',
  ];
  return out.join('\n');
}

/** The report for --json: the same object, every figure unrounded. */
export const costJson = (report: CostReport): string => JSON.stringify(report, null, 2);
