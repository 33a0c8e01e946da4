// The human-readable output: the side-by-side table, each difference named, latency, and a verdict.
import Table from 'cli-table3';
import { CLOUDS, type Cloud, type CompareReport, type StepOutcome, type StepResult } from './types';

// No colours: the output is read in CI logs and pasted into issues as often as in a terminal.
const PLAIN = { style: { head: [], border: [], compact: true } };

const ms = (value: number | undefined | null) => (value === undefined || value === null ? '-' : value.toFixed(1));

function statusOf(outcome: StepOutcome): string {
  return outcome.status === undefined ? `no answer (${outcome.error})` : String(outcome.status);
}

function verdict(step: StepResult, part: 'body' | 'headers'): string {
  const matches = step.differences.filter((d) =>
    part === 'headers' ? d.path.startsWith('header:') : !d.path.startsWith('header:') && d.path !== 'status',
  );
  return matches.length === 0 ? 'same' : `DIFFERS (${matches.length})`;
}

export function stepsTable(report: CompareReport): string {
  const table = new Table({
    ...PLAIN,
    head: ['step', 'aws', 'azure', 'body', 'headers', 'aws ms', 'azure ms'],
    colAligns: ['left', 'right', 'right', 'left', 'left', 'right', 'right'],
  });
  for (const step of report.steps) {
    table.push([
      step.step,
      statusOf(step.aws),
      statusOf(step.azure),
      verdict(step, 'body'),
      verdict(step, 'headers'),
      ms(step.aws.latencyMs),
      ms(step.azure.latencyMs),
    ]);
  }
  return table.toString();
}

function latencyTables(report: CompareReport): string[] {
  const out: string[] = [];
  if (report.latency) {
    const table = new Table({
      ...PLAIN,
      head: ['latency (ms)', 'first contact', 'run: first', 'p50', 'p95', 'p99', 'max', 'errors'],
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    });
    for (const cloud of CLOUDS) {
      const l = report.latency[cloud];
      table.push([cloud, ms(report.firstContactMs[cloud]), ms(l.firstMs), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), String(l.errors)]);
    }
    out.push(`Latency: ${report.latency.aws.requests} × GET /api/notes?limit=1 per cloud`, table.toString());
  }
  if (report.eventLatency) {
    const table = new Table({
      ...PLAIN,
      head: ['event delivery (ms)', 'notes', 'p50', 'max', 'undelivered'],
      colAligns: ['left', 'right', 'right', 'right', 'right'],
    });
    for (const cloud of CLOUDS) {
      const e = report.eventLatency[cloud];
      table.push([cloud, String(e.notes), ms(e.p50), ms(e.max), String(e.undelivered)]);
    }
    out.push('Event delivery: create → note.created visible in the activity', table.toString());
  }
  return out;
}

/** "aws is faster at p50: 12.0 ms vs 30.5 ms", or undefined when there is nothing to compare. */
function faster(label: string, values: Record<Cloud, number | undefined>): string | undefined {
  const { aws, azure } = values;
  if (aws === undefined || azure === undefined) return undefined;
  if (aws === azure) return `${label}: both ${ms(aws)} ms`;
  const winner: Cloud = aws < azure ? 'aws' : 'azure';
  return `${winner} is faster at ${label}: ${ms(Math.min(aws, azure))} ms vs ${ms(Math.max(aws, azure))} ms`;
}

export function renderText(report: CompareReport): string {
  const lines: string[] = [stepsTable(report)];
  if (report.differences.length > 0) {
    lines.push(`${report.differences.length} difference(s):`);
    for (const d of report.differences) lines.push(`  ${d.step} ${d.path}: aws ${d.aws} | azure ${d.azure}`);
  }
  lines.push(...latencyTables(report));
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  const speed = [
    report.latency && faster('p50', { aws: report.latency.aws.p50, azure: report.latency.azure.p50 }),
    report.eventLatency && faster('event delivery p50', { aws: report.eventLatency.aws.p50, azure: report.eventLatency.azure.p50 }),
  ].filter((line): line is string => typeof line === 'string');
  lines.push(...speed);
  lines.push(report.same ? 'Both clouds behave the same.' : `The clouds differ: ${report.differences.length} difference(s), listed above.`);
  return `${lines.join('\n')}\n`;
}
