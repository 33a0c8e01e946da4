// `npx tsx compare/cost/main.ts …`: see cli.ts (and --help).
import { runCostCli } from './cli';

process.exitCode = runCostCli(process.argv.slice(2));
