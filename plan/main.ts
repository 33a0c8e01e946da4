/**
 * `npm run plan`: runs the program under Pulumi mocks with a stack's config and writes both clouds'
 * resources side by side, by parity concept, as Markdown and JSON. Exit 1 when a concept exists on
 * one cloud only (each named), 2 on a usage error. No CLI, no credentials, no network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildGraph, checkParity } from './graph';
import { renderJson, renderMarkdown, renderTerminal } from './render';
import { runProgram } from './run-program';
import { readStackConfig } from './stack-config';
import { parseFlags, showHelp, usageFailure, UsageError, type Tool, type ToolIo } from '../tools/cli';

const HELP = `Usage: npm run plan -- [--stack dev] [--out-dir plan/out] [--markdown FILE] [--json FILE]

Runs the program under Pulumi mocks with Pulumi.<stack>.yaml (both clouds, whatever the stack's
"clouds" says: the plan is there to compare them), prints the concept table and writes plan.md and
plan.json.
Exit codes: 0 parity holds, 1 a concept exists on one cloud only or the program failed, 2 usage error.`;

const PLAN_TOOL: Tool = { usage: HELP };

const FLAGS = {
  stack: { type: 'string', default: 'dev' },
  'out-dir': { type: 'string' },
  markdown: { type: 'string' },
  json: { type: 'string' },
} as const;

export interface PlanDeps {
  root?: string;
  load?: (indexPath: string) => Record<string, unknown>;
  /** Results: the table and what was written (stdout). */
  log?: (line: string) => void;
  /** Usage errors and parity problems (stderr). */
  error?: (line: string) => void;
}

// require, not import: the program must load after the mocks are set
const defaultLoad = (indexPath: string) => require(indexPath) as Record<string, unknown>;

export async function main(argv: string[], deps: PlanDeps = {}): Promise<number> {
  const root = deps.root ?? resolve(__dirname, '..');
  const log = deps.log ?? ((line: string) => console.log(line));
  const error = deps.error ?? ((line: string) => console.error(line));
  // log and error print lines (console.log adds the newline); the tools' helper writes text.
  const io: ToolIo = {
    stdout: (text) => log(text.replace(/\n$/, '')),
    stderr: (text) => error(text.replace(/\n$/, '')),
  };
  let values: ReturnType<typeof parseFlags<typeof FLAGS>>;
  try {
    values = parseFlags(argv, FLAGS);
    if (!values.help && !/^[\w.-]+$/.test(values.stack))
      throw new UsageError(`--stack is not a stack name: "${values.stack}"`);
  } catch (failure) {
    return usageFailure(PLAN_TOOL, failure, io);
  }
  if (values.help) return showHelp(PLAN_TOOL, io);
  const outDir = resolve(values['out-dir'] ?? join(root, 'plan', 'out'));
  const markdownPath = resolve(values.markdown ?? join(outDir, 'plan.md'));
  const jsonPath = resolve(values.json ?? join(outDir, 'plan.json'));

  let project: string;
  let config: Record<string, string>;
  try {
    ({ project, config } = readStackConfig(root, values.stack));
  } catch (failure) {
    error((failure as Error).message);
    return 2;
  }
  config[`${project}:clouds`] = 'both';

  const run = await runProgram({
    project,
    stack: values.stack,
    config,
    load: () => (deps.load ?? defaultLoad)(join(root, 'index.ts')),
  });
  const graph = buildGraph(run.resources);
  const parity = checkParity(graph);
  const report = { project, stack: values.stack, graph, parity };
  for (const [path, text] of [
    [markdownPath, renderMarkdown(report)],
    [jsonPath, renderJson(report)],
  ] as const) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  log(renderTerminal(report));
  log(`plan written to ${markdownPath} and ${jsonPath}`);
  if (!parity.ok) {
    error(`parity broken:\n${parity.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  log('parity holds on every concept');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
