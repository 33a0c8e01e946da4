// A progress bar per cloud on stderr (cli-progress), or nothing: off when stderr is not a terminal and
// with --json, so logs and piped output stay clean.
import { MultiBar, Presets } from 'cli-progress';

export interface Progress {
  bar(label: string, total: number, unit: string): { increment(): void };
  stop(): void;
}

const SILENT: Progress = { bar: () => ({ increment() {} }), stop() {} };

/** Bars on `stream`, or nothing when it is undefined (the caller decides: TTY and not --json). */
export function createProgress(stream: NodeJS.WritableStream | undefined): Progress {
  if (!stream) return SILENT;
  const multibar = new MultiBar(
    {
      stream,
      format: '{label} [{bar}] {value}/{total} {unit} | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  return {
    bar(label, total, unit) {
      const bar = multibar.create(total, 0, { label: label.padEnd(8), unit });
      return { increment: () => bar.increment() };
    },
    stop: () => multibar.stop(),
  };
}
