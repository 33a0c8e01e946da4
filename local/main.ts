// `npm start`: both emulated clouds in this process until Ctrl-C. Prints the URLs the way
// `pulumi stack output` lists a stack's outputs, then one JSON log line per request.
import { showHelp, usageFailure } from '../tools/cli';
import { LOCAL_TOOL, parseCli } from './cli-options';
import { DataDirInUseError } from './data-dir-lock';
import { defaultPorts } from './default-ports';
import { openFrontDoors } from './front-doors';
import { PortInUseError } from './listen';
import { stdoutLogger } from './log';
import type { LocalMode } from './start-local';
import { urlsOutput } from './urls-output';

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCli>;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    return usageFailure(LOCAL_TOOL, error);
  }
  if (command.help) return showHelp(LOCAL_TOOL);
  const { options, stopTimeoutMs } = command;

  let starting: Promise<LocalMode>;
  try {
    // The ports before anything else: a taken one is refused at once, and from here on clients get
    // 503 (Retry-After) instead of a refused connection while the clouds load.
    const doors = await openFrontDoors(
      { aws: options.awsPort ?? defaultPorts.aws, azure: options.azurePort ?? defaultPorts.azure },
      options.log ?? stdoutLogger,
    );
    // Loaded only now: --help, usage errors and taken ports should not pay for both clouds' SDKs.
    const { startLocal } = await import('./start-local');
    starting = startLocal({ ...options, doors });
  } catch (error) {
    return refusal(error);
  }

  return new Promise<number>((resolve) => {
    let signalled = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (signalled) {
        process.stderr.write(`${signal} again: exiting without draining\n`);
        process.exit(130);
      }
      signalled = true;
      process.stderr.write(`${signal}: finishing requests and pending deliveries…\n`);
      // A graceful stop waits for requests in flight; a client that never finishes its request must
      // not keep local mode alive forever. Nothing acknowledged is lost either way: the stores and
      // the delivery journals are on disk (in-memory mode keeps nothing by definition).
      setTimeout(() => {
        process.stderr.write(
          `still stopping after ${stopTimeoutMs} ms (a request or delivery does not finish): exiting without waiting\n`,
        );
        process.exit(1);
      }, stopTimeoutMs).unref();
      // A signal during start-up stops once started (the stores must be consistent before closing).
      starting
        .then((running) => running.stop().then(() => running))
        .then(
          (running) => {
            const lists: { length: number }[] = [
              ...Object.values(running.deadLetters.aws),
              ...Object.values(running.deadLetters.azure),
            ];
            const dead = lists.reduce((n, list) => n + list.length, 0);
            process.stderr.write(`stopped${dead > 0 ? ` (${dead} dead-lettered deliveries)` : ''}\n`);
            resolve(0);
          },
          (error: unknown) => {
            process.stderr.write(`shutdown failed: ${String(error)}\n`);
            resolve(1);
          },
        );
    };
    // SIGHUP: the terminal went away, so nobody is left to press Ctrl-C.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);

    starting.then(
      (local) => {
        process.stdout.write(
          urlsOutput({ awsUrl: local.awsUrl, azureUrl: local.azureUrl, issuer: local.issuer?.issuer }),
        );
        const where = options.inMemory ? 'in memory' : `data in ${local.urlsFile!.replace(/urls\.json$/, '')}`;
        const noUrls = local.urlsFile ? '' : ' (the data directory is in use: no urls.json written)';
        process.stderr.write(`local mode is up (${where})${noUrls}; Ctrl-C stops it\n`);
      },
      (error: unknown) => {
        if (signalled) return;
        try {
          resolve(refusal(error));
        } catch {
          process.stderr.write(
            `local mode failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          resolve(1);
        }
      },
    );
  });
}

/** A taken port or data directory is the user's to fix: one line and exit 2. Anything else is a bug. */
function refusal(error: unknown): number {
  if (error instanceof PortInUseError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  throw error;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`local mode failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
