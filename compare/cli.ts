// The command line: flags → URLs → run → table or JSON (and the HTML report) → exit code.
// Exit 0: both clouds meet the contract and behave the same; 1: either breaks the contract or they differ;
// 2: usage error, a URL that fails the preflight, or sign-in on without both users' tokens (nothing written then). Errors go to stderr only.
import { writeFileSync } from 'node:fs';
import { compareClouds } from './compare';
import { compareAuthorizations } from './sign-in';
import { coldStartsPassed, runColdStartMode } from './cold-starts/cold-start-mode';
import { renderColdStartHtml } from './cold-starts/render-cold-starts-html';
import { coldStartTable } from './cold-starts/render-cold-starts';
import {
  type CostReport,
  estimateCosts,
  loadPriceTable,
  readStackSettings,
  renderCostChartHtml,
  renderCostText,
  stackSettingsFromConfig,
  type TrafficProfile,
} from './cost';
import { discoverUrls, type Discovery } from './discover';
import { PreflightError, SignInError, UsageError } from './errors';
import { COMPARE_TOOL, type CompareOptions, parseOptions } from './options';
import { showHelp, usageFailure } from '../tools/cli';
import { renderHtml } from './render-html';
import { renderText } from './render-text';
import type { CompareReport } from './types';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function writeReport(path: string, html: string): void {
  try {
    writeFileSync(path, html);
  } catch (error) {
    throw new UsageError(`--report: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

async function coldStarts(discovery: Discovery, count: number, options: CompareOptions, io: CliIo): Promise<number> {
  const report = await runColdStartMode(discovery, count, options.timeoutMs, (line) =>
    io.stderr.write(`compare: ${line}\n`),
  );
  if (options.report !== undefined) writeReport(options.report, renderColdStartHtml(report));
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${coldStartTable(report)}\n`);
  return coldStartsPassed(report) ? 0 : 1;
}

/** --cost: the scenario's measured consumption priced for the traffic profile, in the stack's regions. */
function priceScenario(
  report: CompareReport,
  profile: TrafficProfile,
  stack: string | undefined,
  cwd: string,
): CostReport {
  try {
    // Steps that did not run (sign-in off) have no answer to price.
    const ran = report.steps.filter((step) => step.notApplicable === undefined);
    return estimateCosts(
      { steps: ran },
      profile,
      loadPriceTable(),
      stack ? readStackSettings(stack, cwd) : stackSettingsFromConfig({}),
    );
  } catch (error) {
    // No consumption reported, or a stack file that cannot be read: the user's setup, not a bug.
    throw new UsageError(`--cost: ${(error as Error).message}`);
  }
}

const toolIo = (io: CliIo) => ({
  stdout: (text: string) => void io.stdout.write(text),
  stderr: (text: string) => void io.stderr.write(text),
});

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});

export async function runCli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const options = parseOptions(argv, io.cwd);
    if (options.help) return showHelp(COMPARE_TOOL, toolIo(io));
    const discovery = await discoverUrls(options, { cwd: io.cwd, path: io.env.PATH, timeoutMs: options.timeoutMs });
    if (options.coldStarts !== undefined) return await coldStarts(discovery, options.coldStarts, options, io);
    if (!options.json) {
      const { aws, azure } = discovery.urls;
      io.stdout.write(`Comparing aws ${aws} with azure ${azure} (URLs from ${discovery.detail})\n`);
    }
    const report = await compareClouds(discovery, {
      ...options,
      authorizations: await compareAuthorizations(discovery, io.env, io.cwd),
      // cli-progress only calls write() and reads isTTY/columns, which every CliIo stderr has.
      progress: !options.json && io.stderr.isTTY === true ? (io.stderr as NodeJS.WritableStream) : undefined,
      onWaiting: (line) => io.stderr.write(`compare: waiting: ${line}\n`),
    });
    const cost = options.cost && priceScenario(report, options.cost, options.stack, io.cwd);
    if (options.report !== undefined)
      writeReport(options.report, renderHtml(report, new Date(), cost ? [renderCostChartHtml(cost)] : []));
    if (options.json) io.stdout.write(`${JSON.stringify(cost ? { ...report, cost } : report, null, 2)}\n`);
    else io.stdout.write(cost ? `${renderText(report)}\n${renderCostText(cost)}\n` : renderText(report));
    if (options.report !== undefined && !options.json) io.stdout.write(`Report written to ${options.report}\n`);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof PreflightError) {
      io.stderr.write(error.lines.map((line) => `compare: preflight: ${line}\n`).join(''));
    } else if (error instanceof SignInError) {
      io.stderr.write(`compare: sign-in: ${error.message}\n`);
    } else if (error instanceof UsageError) {
      return usageFailure(COMPARE_TOOL, error, toolIo(io));
    } else {
      // A bug in the tool: still one line, no stack, and the same exit code as an unusable run.
      const message = (error as { message?: unknown } | undefined)?.message;
      io.stderr.write(
        `compare: unexpected error: ${typeof message === 'string' ? message.split('\n')[0] : String(error)}\n`,
      );
    }
    return 2;
  }
}
