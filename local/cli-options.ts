import { parseFlags, parseInteger, UsageError, type Tool } from '../tools/cli';
import { defaultPorts } from './default-ports';
import { LOCAL_AUTH_MODES, type LocalAuth } from './oidc/settings';
import type { LocalOptions } from './start-local';

export const usage = `Usage: npm start -- [options]

Runs the app on emulated AWS and Azure on localhost until Ctrl-C.

Options:
  --aws-port <port>     port of the emulated API Gateway   (env LOCAL_AWS_PORT, default ${defaultPorts.aws})
  --azure-port <port>   port of the emulated Function App  (env LOCAL_AZURE_PORT, default ${defaultPorts.azure})
  --issuer-port <port>  port of the local OIDC issuer      (env LOCAL_ISSUER_PORT, default ${defaultPorts.issuer})
  --data-dir <dir>      where the stores persist and urls.json is written (default .local)
  --in-memory           keep every store in memory; nothing persists
  --auth none           no sign-in: every caller is one anonymous owner (default: a local OIDC
                        issuer on loopback; \`npm run token -- --user NAME\` prints a token)
  -h, --help            show this help

Ctrl-C or SIGTERM stops it gracefully; if that takes longer than LOCAL_STOP_TIMEOUT_MS
(default 10000) it exits anyway with code 1.
`;

export const defaultStopTimeoutMs = 10_000;

export const LOCAL_TOOL: Tool = { usage };

/** 0 asks the system for a free port. */
const PORT = { min: 0, max: 65535, noun: 'port number' };
/** setTimeout's limit: a longer delay becomes 1 ms (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args). */
const STOP_TIMEOUT_MS = { min: 1, max: 2_147_483_647, noun: 'whole number of milliseconds' };

// An empty variable counts as unset, as shells make it easy to export one.
function port(value: string | undefined, source: string, fallback: number): number {
  return value === undefined || value === '' ? fallback : parseInteger(source, value, PORT);
}

export type CliCommand = { help: true } | { help: false; options: LocalOptions; stopTimeoutMs: number };

function stopTimeout(value: string | undefined): number {
  return value === undefined || value === ''
    ? defaultStopTimeoutMs
    : parseInteger('LOCAL_STOP_TIMEOUT_MS', value, STOP_TIMEOUT_MS);
}

const FLAGS = {
  'aws-port': { type: 'string' },
  'azure-port': { type: 'string' },
  'issuer-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'in-memory': { type: 'boolean' },
  auth: { type: 'string' },
} as const;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliCommand {
  const values = parseFlags(argv, FLAGS);
  if (values.help) return { help: true };
  const awsPort =
    values['aws-port'] !== undefined
      ? port(values['aws-port'], '--aws-port', defaultPorts.aws)
      : port(env.LOCAL_AWS_PORT, 'LOCAL_AWS_PORT', defaultPorts.aws);
  const azurePort =
    values['azure-port'] !== undefined
      ? port(values['azure-port'], '--azure-port', defaultPorts.azure)
      : port(env.LOCAL_AZURE_PORT, 'LOCAL_AZURE_PORT', defaultPorts.azure);
  if (awsPort !== 0 && awsPort === azurePort)
    throw new UsageError(`--aws-port and --azure-port are both ${awsPort}; give them different ports`);
  const issuerPort =
    values['issuer-port'] !== undefined
      ? port(values['issuer-port'], '--issuer-port', defaultPorts.issuer)
      : port(env.LOCAL_ISSUER_PORT, 'LOCAL_ISSUER_PORT', defaultPorts.issuer);
  const ports = [awsPort, azurePort, issuerPort].filter((p) => p !== 0);
  if (new Set(ports).size !== ports.length)
    throw new UsageError(
      `--aws-port, --azure-port and --issuer-port must be different ports (got ${awsPort}, ${azurePort}, ${issuerPort})`,
    );
  const auth = values.auth;
  if (auth !== undefined && !(LOCAL_AUTH_MODES as readonly string[]).includes(auth)) {
    throw new UsageError(`--auth must be ${LOCAL_AUTH_MODES.join(' or ')}, not ${JSON.stringify(auth)}`);
  }
  return {
    help: false,
    stopTimeoutMs: stopTimeout(env.LOCAL_STOP_TIMEOUT_MS),
    options: {
      awsPort,
      azurePort,
      issuerPort,
      inMemory: values['in-memory'] ?? false,
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(auth !== undefined && { auth: auth as LocalAuth }),
    },
  };
}
