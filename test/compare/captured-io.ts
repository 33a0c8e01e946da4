// compare's CLI with its output captured: what a test reads back of stdout and stderr.
import type { CliIo } from '../../compare/cli';

export type CapturedIo = CliIo & { out: () => string; err: () => string };

/** `terminal`: stderr says it is a 120-column TTY, so compare draws its progress bars there. */
export function capturedIo(cwd: string, options: { terminal?: boolean } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: {
      write: (text: string) => (err += text),
      ...(options.terminal === undefined ? {} : { isTTY: options.terminal, columns: 120 }),
    },
    cwd,
    env: { PATH: '' },
    out: () => out,
    err: () => err,
  };
}
