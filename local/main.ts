// `npm start`: both emulated clouds in this process until Ctrl-C. Prints the URLs the way
// `pulumi stack output` lists a stack's outputs, then one JSON log line per request.
import { parseCli, usage, UsageError } from './cli-options';
import { PortInUseError } from './listen';
import { DataDirInUseError } from './urls-file';

async function main(): Promise<number> {
  let command;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(usage);
    return 0;
  }

  // Loaded only now: --help and usage errors should not pay for both clouds' SDKs.
  const { startLocal } = await import('./start-local');
  let local;
  try {
    local = await startLocal(command.options);
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof DataDirInUseError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(`awsUrl    ${local.awsUrl}\nazureUrl  ${local.azureUrl}\n`);
  process.stderr.write(`local mode is up (${command.options.inMemory ? 'in memory' : `data in ${local.urlsFile.replace(/urls\.json$/, '')}`}); Ctrl-C stops it\n`);

  const running = local;
  const { stopTimeoutMs } = command;
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
      // not keep local mode alive forever.
      const timeoutMs = stopTimeoutMs;
      setTimeout(() => {
        process.stderr.write(`still stopping after ${timeoutMs} ms (a request or delivery does not finish): exiting without waiting\n`);
        process.exit(1);
      }, timeoutMs).unref();
      running.stop().then(
        () => {
          const lists: { length: number }[] = [...Object.values(running.deadLetters.aws), ...Object.values(running.deadLetters.azure)];
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
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`local mode failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
