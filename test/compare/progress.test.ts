// The progress bar: drawn on a terminal's stderr during the latency run, never with --json or when
// stderr is not a terminal (stdout stays clean for pipes either way).
import { runCli } from '../../compare/cli';
import { SCENARIO } from '../../compare/scenario';
import { capturedIo } from './captured-io';
import { startPair } from './core-server';

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
    const terminal = capturedIo(__dirname, { terminal: true });
    expect(await runCli(args, terminal)).toBe(0);
    const drawn = terminal.err();
    expect(drawn).toContain(`] ${SCENARIO.length}/${SCENARIO.length} steps`);
    expect(drawn).toMatch(/aws\s+\[[^\]]*\] 20\/20 requests/);
    expect(drawn).toMatch(/azure\s+\[[^\]]*\] 20\/20 requests/);
    expect(drawn).toMatch(/events\s+\[[^\]]*\] 2\/2 notes/);
    expect(terminal.out()).not.toContain('requests |');

    const json = capturedIo(__dirname, { terminal: true });
    expect(await runCli([...args, '--json'], json)).toBe(0);
    expect(json.err()).toBe('');
    expect(JSON.parse(json.out()).same).toBe(true);

    const piped = capturedIo(__dirname, { terminal: false });
    expect(await runCli(args, piped)).toBe(0);
    expect(piped.err()).toBe('');
  } finally {
    await pair.close();
  }
});
