// The progress bar: drawn on a terminal's stderr during the latency run, never with --json or when
// stderr is not a terminal (stdout stays clean for pipes either way).
import { runCli } from '../../compare/cli';
import { SCENARIO } from '../../compare/scenario';
import { startPair } from './core-server';

function io(tty: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s), isTTY: tty, columns: 120 },
      cwd: __dirname,
      env: { PATH: '' },
    },
  };
}

test('progress on a terminal, none with --json or without a terminal', async () => {
  const pair = await startPair();
  const args = [
    '--aws',
    pair.aws.url,
    '--azure',
    pair.azure.url,
    '--requests',
    '20',
    '--event-notes',
    '1',
    '--event-timeout',
    '3000',
  ];
  try {
    const terminal = io(true);
    expect(await runCli(args, terminal.io)).toBe(0);
    const drawn = terminal.err.join('');
    expect(drawn).toContain(`] ${SCENARIO.length}/${SCENARIO.length} steps`);
    expect(drawn).toMatch(/aws\s+\[[^\]]*\] 20\/20 requests/);
    expect(drawn).toMatch(/azure\s+\[[^\]]*\] 20\/20 requests/);
    expect(drawn).toMatch(/events\s+\[[^\]]*\] 2\/2 notes/);
    expect(terminal.out.join('')).not.toContain('requests |');

    const json = io(true);
    expect(await runCli([...args, '--json'], json.io)).toBe(0);
    expect(json.err).toEqual([]);
    expect(JSON.parse(json.out.join('')).same).toBe(true);

    const piped = io(false);
    expect(await runCli(args, piped.io)).toBe(0);
    expect(piped.err).toEqual([]);
  } finally {
    await pair.close();
  }
});
