// compare's CLI with its output captured: what a test reads back of stdout and stderr.
import type { CliIo } from '../../compare/cli';

export type CapturedIo = CliIo & { out: () => string; err: () => string };

export function capturedIo(cwd: string): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    cwd,
    env: { PATH: '' },
    out: () => out,
    err: () => err,
  };
}
