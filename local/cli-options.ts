import { parseArgs } from 'node:util';
import { defaultPorts } from './default-ports';
import type { LocalOptions } from './start-local';

export const usage = `Usage: npm start -- [options]

Runs the app on emulated AWS and Azure on localhost until Ctrl-C.

Options:
  --aws-port <port>     port of the emulated API Gateway   (env LOCAL_AWS_PORT, default ${defaultPorts.aws})
  --azure-port <port>   port of the emulated Function App  (env LOCAL_AZURE_PORT, default ${defaultPorts.azure})
  --data-dir <dir>      where the stores persist and urls.json is written (default .local)
  --in-memory           keep every store in memory; nothing persists
  -h, --help            show this help

Ctrl-C or SIGTERM stops it gracefully; if that takes longer than LOCAL_STOP_TIMEOUT_MS
(default 10000) it exits anyway with code 1.
`;

export const defaultStopTimeoutMs = 10_000;

/** A flag or variable local mode cannot use: main.ts prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function port(value: string | undefined, source: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`${source} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}

export type CliCommand = { help: true } | { help: false; options: LocalOptions; stopTimeoutMs: number };

function stopTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return defaultStopTimeoutMs;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`LOCAL_STOP_TIMEOUT_MS must be a whole number of milliseconds above 0, not "${value}"`);
  return Number(value);
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'aws-port': { type: 'string' },
        'azure-port': { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  const awsPort = values['aws-port'] !== undefined ? port(values['aws-port'], '--aws-port', defaultPorts.aws) : port(env.LOCAL_AWS_PORT, 'LOCAL_AWS_PORT', defaultPorts.aws);
  const azurePort = values['azure-port'] !== undefined ? port(values['azure-port'], '--azure-port', defaultPorts.azure) : port(env.LOCAL_AZURE_PORT, 'LOCAL_AZURE_PORT', defaultPorts.azure);
  if (awsPort !== 0 && awsPort === azurePort) throw new UsageError(`--aws-port and --azure-port are both ${awsPort}; give them different ports`);
  return {
    help: false,
    stopTimeoutMs: stopTimeout(env.LOCAL_STOP_TIMEOUT_MS),
    options: { awsPort, azurePort, inMemory: values['in-memory'] ?? false, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) },
  };
}
