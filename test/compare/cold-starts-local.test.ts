// The cold-start driver against local mode, end to end: every cold start is a new local-mode process
// whose first request is timed; each is ended by its pid, and none is left behind.
import { join } from 'node:path';
import { localForcer } from '../../compare/cold-starts/local-forcer';
import { runColdStarts, timedFirstRequest } from '../../compare/cold-starts/run-cold-starts';
import type { Cloud } from '../../compare/types';

const ROOT = join(__dirname, '..', '..');

test('two cold starts per cloud: four fresh processes, each answering its first request', async () => {
  const forcers = { aws: localForcer('aws', ROOT), azure: localForcer('azure', ROOT) };
  const pids: Record<Cloud, number[]> = { aws: [], azure: [] };
  const servedBy: string[] = [];
  const report = await runColdStarts([forcers.aws, forcers.azure], 2, async (cloud) => {
    pids[cloud].push(forcers[cloud].pid()!);
    const base = forcers[cloud].url();
    const first = await timedFirstRequest(base, 60_000);
    servedBy.push((await fetch(`${base}/api/health`)).headers.get('x-served-by') ?? '');
    return first;
  });
  expect(report.clouds.map((c) => [c.cloud, c.firstRequestMs.n, c.samples.map((s) => s.status)])).toEqual([
    ['aws', 2, [200, 200]],
    ['azure', 2, [200, 200]],
  ]);
  expect(servedBy).toEqual(['local-aws', 'local-azure', 'local-aws', 'local-azure']);
  expect(new Set([...pids.aws, ...pids.azure]).size).toBe(4);
  // restore() ended the last ones: nothing of ours still runs.
  for (const pid of [...pids.aws, ...pids.azure]) expect(() => process.kill(pid, 0)).toThrow();
  expect(forcers.aws.pid()).toBeUndefined();
});
