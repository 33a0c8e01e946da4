// Until compare's own --cost flag is wired: the cost report of a saved `npm run compare -- --json`.
//   npx tsx compare/cost/main.ts --from compare.json [--traffic PROFILE] [--stack NAME] [--json] [--report FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import type { SampledStep } from './consumption-reader';
import { estimateCosts } from './estimate';
import { DEFAULT_REGIONS, readStackSettings, stackSettingsFromConfig } from './stack-settings';
import { loadPriceTable } from './prices';
import { renderCostReportHtml } from './render-html';
import { costJson, renderCostText } from './render-text';
import { parseTrafficProfile } from './traffic';
import { parseFlags, showHelp, usageFailure, UsageError, type Tool } from '../../tools/cli';

export const COST_USAGE = `Usage: npx tsx compare/cost/main.ts --from FILE [options]
  --from FILE        the JSON of \`npm run compare -- --json\` against targets run with REPORT_CONSUMPTION=true
  --traffic PROFILE  hobby, startup (default), busy, or requests=N,reads=80%,note=2KB,stored=N
  --stack NAME       the stack whose regions and memory are priced (Pulumi.NAME.yaml); default: the
                     project defaults in ${DEFAULT_REGIONS.aws} and ${DEFAULT_REGIONS.azure}
  --json             print the cost report as JSON
  --report FILE      also write a self-contained HTML page with the cost charts
  -h, --help         show this help`;

export const COST_TOOL: Tool = { usage: COST_USAGE };

const FLAGS = {
  from: { type: 'string' },
  traffic: { type: 'string' },
  stack: { type: 'string' },
  json: { type: 'boolean', default: false },
  report: { type: 'string' },
} as const;

/** Exit codes: 0 done, 2 a usage or input error (named on stderr). */
export function runCostCli(
  argv: string[],
  out: (text: string) => void = (s) => process.stdout.write(s),
  err: (text: string) => void = (s) => process.stderr.write(s),
): number {
  const io = { stdout: out, stderr: err };
  try {
    const values = parseFlags(argv, FLAGS);
    if (values.help) return showHelp(COST_TOOL, io);
    if (!values.from) throw new UsageError('--from FILE is required');
    const compared = JSON.parse(readFileSync(values.from, 'utf8')) as { steps?: SampledStep[] };
    if (!Array.isArray(compared.steps))
      throw new Error(`${values.from} has no "steps": is it the output of npm run compare -- --json?`);
    const stack = values.stack ? readStackSettings(values.stack) : stackSettingsFromConfig({});
    const report = estimateCosts(
      { steps: compared.steps },
      parseTrafficProfile(values.traffic),
      loadPriceTable(),
      stack,
    );
    if (values.report) writeFileSync(values.report, renderCostReportHtml(report));
    out(`${values.json ? costJson(report) : renderCostText(report)}\n`);
    return 0;
  } catch (error) {
    // Every failure here is the input's (the file, the profile, the stack): named, with the usage.
    return usageFailure(COST_TOOL, error instanceof UsageError ? error : new UsageError((error as Error).message), io);
  }
}
