// The cold-start table for the terminal: each cloud's first-request distribution, the platform's own
// init figure where it reports one, and the published reference beside them.
import Table from 'cli-table3';
import type { ColdStartReport, Distribution } from './run-cold-starts';

/** p50 / p90 / max (n), or why there is none: the same cell in the terminal and the report. */
export const distributionCell = (d: Distribution | undefined) =>
  d === undefined ? 'not reported' : d.n === 0 ? 'none' : `${d.p50} / ${d.p90} / ${d.max} (n=${d.n})`;

export function coldStartTable(report: ColdStartReport): string {
  const table = new Table({
    head: [
      'cloud',
      'what was restarted',
      'first request ms p50 / p90 / max',
      'platform init ms p50 / p90 / max',
      'failed',
    ],
    style: { head: [], border: [], compact: true },
  });
  for (const c of report.clouds) {
    table.push([
      c.cloud,
      c.target,
      distributionCell(c.firstRequestMs),
      distributionCell(c.platformInitMs),
      String(c.samples.filter((s) => s.error || !s.status || s.status >= 300).length),
    ]);
  }
  const { aws, azure } = report.references;
  const lines = [
    `Cold starts: ${report.count} forced per cloud`,
    table.toString(),
    `reference: AWS ${aws.label} ${aws.ms} ms (${aws.source}); Azure ${azure.label} ${azure.minMs}–${azure.maxMs} ms (${azure.source})`,
    ...report.clouds.flatMap((c) => c.notes.map((note) => `${c.cloud}: ${note}`)),
    ...report.clouds.flatMap((c) => c.samples.filter((s) => s.error).map((s) => `${c.cloud}: ${s.error}`)),
  ];
  return lines.join('\n');
}
