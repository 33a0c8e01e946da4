/**
 * What the four tools (compare, its cost CLI, bench, local mode, plan) share on the command line:
 * flags parsed from a declared table with node's own util.parseArgs, one UsageError type, and the one
 * way to answer: --help prints the tool's usage on stdout (exit 0); a usage error names the problem on
 * stderr, then the usage (exit 2). Unknown flags and stray arguments are usage errors that name them.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

export const EXIT_HELP = 0;
export const EXIT_USAGE = 2;

/** A flag, value or environment variable the tool cannot use: the run ends with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** -h and --help, added to every tool's table. */
const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;

type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & typeof HELP_FLAG; strict: true; allowPositionals: false }>
>['values'];

/** The flags of argv (without node and the script) by the table; anything else is a UsageError. */
export function parseFlags<T extends ParseArgsOptionsConfig>(argv: readonly string[], flags: T): Parsed<T> {
  try {
    return parseArgs({ args: [...argv], options: { ...flags, ...HELP_FLAG }, strict: true, allowPositionals: false })
      .values as Parsed<T>;
  } catch (error) {
    // parseArgs names the flag well, over several lines; a usage error is one line.
    // (Duck-typed: errors from node's own modules may come from another realm, e.g. under jest.)
    const message = (error as { message?: unknown }).message;
    throw new UsageError(typeof message === 'string' ? message.replace(/\s*\n\s*/g, ' ') : String(error));
  }
}

export interface IntegerRange {
  min: number;
  max: number;
  /** What the value is, in the message: "whole number" unless said (e.g. "port number"). */
  noun?: string;
}

/** A whole number in min..max, from a flag or an environment variable `name`. */
export function parseInteger(name: string, raw: string, { min, max, noun = 'whole number' }: IntegerRange): number {
  const range = `${min}..${max}`;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${name} must be a ${noun} in ${range} (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${name} must be in ${range} (got ${raw})`);
  return value;
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/** How a duration's bounds read: whole seconds or minutes where they are, else milliseconds. */
const showDuration = (ms: number) =>
  ms % 60_000 === 0 && ms >= 60_000 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;

/** "90s", "10m", "1500ms" (a bare number is seconds) → milliseconds in minMs..maxMs. */
export function parseDuration(name: string, raw: string, { minMs, maxMs }: { minMs: number; maxMs: number }): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(raw.trim());
  if (!match) throw new UsageError(`${name} must be a duration such as 90s or 10m (got "${raw}")`);
  const valueMs = Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 's']!;
  if (valueMs < minMs || valueMs > maxMs)
    throw new UsageError(`${name} must be in ${durationRange({ minMs, maxMs })} (got ${raw})`);
  return valueMs;
}

export const durationRange = ({ minMs, maxMs }: { minMs: number; maxMs: number }) =>
  `${showDuration(minMs)}..${showDuration(maxMs)}`;

/** A tool as its user meets it on the command line. */
export interface Tool {
  /** The --help text, also printed after every usage error unless `oneLineErrors`. */
  usage: string;
  /**
   * Usage errors as one line, `<name>: <message>`, without the usage (compare: its help is long, and a
   * script reading stderr wants the one line).
   */
  oneLineErrors?: string;
}

export interface ToolIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: ToolIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** --help: the usage on stdout, exit 0. */
export function showHelp(tool: Tool, io: ToolIo = processIo): number {
  io.stdout(line(tool.usage));
  return EXIT_HELP;
}

/** A UsageError on stderr (with the usage unless the tool prints one line), exit 2; any other error is rethrown. */
export function usageFailure(tool: Tool, error: unknown, io: ToolIo = processIo): number {
  if (!(error instanceof UsageError)) throw error;
  io.stderr(
    tool.oneLineErrors !== undefined
      ? `${tool.oneLineErrors}: ${error.message}\n`
      : `${error.message}\n\n${line(tool.usage)}`,
  );
  return EXIT_USAGE;
}
