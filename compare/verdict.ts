// The run's closing lines, for every output (terminal, --json, HTML): which cloud is faster, then the
// verdict. A cloud that breaks the contract fails the run whatever the other cloud does.
import { CLOUDS, type Cloud, type CompareReport } from './types';

export const ms = (value: number | undefined | null) =>
  value === undefined || value === null ? '-' : value.toFixed(1);

/** "aws is faster at p50: 12.0 ms vs 30.5 ms", or undefined when there is nothing to compare. */
function faster(label: string, values: Record<Cloud, number | undefined>): string | undefined {
  const { aws, azure } = values;
  if (aws === undefined || azure === undefined) return undefined;
  if (aws === azure) return `${label}: both ${ms(aws)} ms`;
  const winner: Cloud = aws < azure ? 'aws' : 'azure';
  return `${winner} is faster at ${label}: ${ms(Math.min(aws, azure))} ms vs ${ms(Math.max(aws, azure))} ms`;
}

type Judged = Pick<
  CompareReport,
  'latency' | 'eventLatency' | 'violations' | 'differences' | 'meetsContract' | 'passed' | 'signIn' | 'steps'
>;

/** "owner isolation NOT CHECKED: 13 steps not applicable: sign-in is off (why)", or undefined when every step ran. */
function notChecked(report: Judged): string | undefined {
  const skipped = report.steps.filter((step) => step.notApplicable !== undefined);
  if (skipped.length === 0) return undefined;
  return `owner isolation NOT CHECKED: ${skipped.length} steps ${skipped[0]!.notApplicable} (${report.signIn.why})`;
}

export function verdictLines(report: Judged): string[] {
  const speed = [
    report.latency && faster('p50', { aws: report.latency.aws.p50, azure: report.latency.azure.p50 }),
    report.eventLatency &&
      faster('event delivery p50', { aws: report.eventLatency.aws.p50, azure: report.eventLatency.azure.p50 }),
  ].filter((line): line is string => typeof line === 'string');
  const unchecked = notChecked(report);
  if (report.passed)
    return [
      ...speed,
      unchecked
        ? `Both clouds meet the contract and behave the same; ${unchecked}.`
        : 'Both clouds meet the contract and behave the same.',
    ];
  const contract = CLOUDS.map((cloud) => {
    const n = report.violations.filter((v) => v.cloud === cloud).length;
    return report.meetsContract[cloud] ? `${cloud} meets the contract` : `${cloud} breaks it ${n} time(s)`;
  });
  const same =
    report.differences.length === 0
      ? 'the clouds behave the same'
      : `the clouds differ ${report.differences.length} time(s)`;
  return [
    ...speed,
    `FAILED: ${contract.join(', ')}; ${same}${unchecked ? `; ${unchecked}` : ''}. Each is listed above.`,
  ];
}
