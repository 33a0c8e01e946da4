// The human-readable output: the side-by-side table, each contract violation and difference named,
// latency, and the verdict. Every figure here is in the report itself (--json, --report).
import Table from 'cli-table3';
import { CLOUDS, type CompareReport, type StepOutcome, type StepResult, type Violation } from './types';
import { ms } from './verdict';

// No colours: the output is read in CI logs and pasted into issues as often as in a terminal.
const PLAIN = { style: { head: [], border: [], compact: true } };

/** A step that did not run shows "n/a" in every cell, never "meets" or "same". */
export const NOT_APPLICABLE_CELL = 'n/a';

export function statusOf(outcome: StepOutcome): string {
  return outcome.status === undefined ? `no answer (${outcome.error})` : String(outcome.status);
}

/** Per cloud: "meets" or how many rules it broke; between clouds: "same" or how many differences. */
export const contractCell = (violations: readonly Violation[]) =>
  violations.length === 0 ? 'meets' : `BREAKS (${violations.length})`;
export const sameCell = (step: StepResult) =>
  step.differences.length === 0 ? 'same' : `DIFFERS (${step.differences.length})`;

/** A step's cells after its name (and description): status, contract and latency per cloud, same or not. */
export const resultCells = (step: StepResult): string[] => [
  statusOf(step.aws),
  statusOf(step.azure),
  contractCell(step.contract.aws),
  contractCell(step.contract.azure),
  sameCell(step),
  ms(step.aws.latencyMs),
  ms(step.azure.latencyMs),
];

export const violationLine = (v: Violation) =>
  `${v.step} ${v.cloud} ${v.rule}: expected ${v.expected}, found ${v.found}`;

/** Whether the two-user steps ran, and why: above the table in the terminal and the HTML report. */
export function signInLine(report: CompareReport): string {
  if (report.signIn.on)
    return `Sign-in is on (${report.signIn.why}): the steps as user B, without a token and with a forged one ran.`;
  const skipped = report.steps.filter((s) => s.notApplicable !== undefined).length;
  return `Sign-in is off (${report.signIn.why}): ${skipped} steps (n/a) are ${report.steps.find((s) => s.notApplicable)?.notApplicable ?? 'not applicable'}.`;
}

export function stepsTable(report: CompareReport): string {
  const table = new Table({
    ...PLAIN,
    head: ['step', 'aws', 'azure', 'aws contract', 'azure contract', 'clouds', 'aws ms', 'azure ms'],
    colAligns: ['left', 'right', 'right', 'left', 'left', 'left', 'right', 'right'],
  });
  for (const step of report.steps) {
    if (step.notApplicable !== undefined) {
      table.push([step.step, ...Array(7).fill(NOT_APPLICABLE_CELL)]);
      continue;
    }
    table.push([step.step, ...resultCells(step)]);
  }
  return table.toString();
}

/** The latency and event delivery tables as rows, shared by the terminal and the HTML report. */
export function latencyRows(report: CompareReport): { head: string[]; rows: string[][]; title: string }[] {
  const out: { head: string[]; rows: string[][]; title: string }[] = [];
  const firstContact = CLOUDS.map((cloud) => {
    const attempts = report.readyAfterAttempts[cloud];
    return [cloud, ms(report.firstContactMs[cloud]), String(attempts)];
  });
  out.push({
    title: 'Preflight: GET /api/health',
    head: ['preflight', 'first contact (ms)', 'attempts'],
    rows: firstContact,
  });
  if (report.latency) {
    out.push({
      title: `Latency: ${report.latency.aws.requests} × GET /api/notes?limit=1 per cloud`,
      head: ['latency (ms)', 'run: first', 'p50', 'p95', 'p99', 'max', 'errors'],
      rows: CLOUDS.map((cloud) => {
        const l = report.latency![cloud];
        const kinds = Object.entries(l.errorKinds).map(([kind, n]) => `${kind}×${n}`);
        return [
          cloud,
          ms(l.firstMs),
          ms(l.p50),
          ms(l.p95),
          ms(l.p99),
          ms(l.max),
          l.errors === 0 ? '0' : `${l.errors} (${kinds.join(', ')})`,
        ];
      }),
    });
  }
  if (report.eventLatency) {
    out.push({
      title: 'Event delivery: create → note.created visible in the activity',
      head: ['event delivery (ms)', 'notes', 'p50', 'max', 'undelivered'],
      rows: CLOUDS.map((cloud) => {
        const e = report.eventLatency![cloud];
        return [cloud, String(e.notes), ms(e.p50), ms(e.max), String(e.undelivered)];
      }),
    });
  }
  return out;
}

export function renderText(report: CompareReport): string {
  const lines: string[] = [stepsTable(report)];
  lines.push(signInLine(report));
  if (report.violations.length > 0) {
    lines.push(`${report.violations.length} contract violation(s):`);
    for (const v of report.violations) lines.push(`  ${violationLine(v)}`);
  }
  if (report.differences.length > 0) {
    lines.push(`${report.differences.length} difference(s) between the clouds:`);
    for (const d of report.differences) lines.push(`  ${d.step} ${d.path}: aws ${d.aws} | azure ${d.azure}`);
  }
  for (const { title, head, rows } of latencyRows(report)) {
    const table = new Table({ ...PLAIN, head, colAligns: head.map((_, i) => (i === 0 ? 'left' : 'right')) });
    table.push(...rows);
    lines.push(title, table.toString());
  }
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  lines.push(...report.verdict);
  return `${lines.join('\n')}\n`;
}
