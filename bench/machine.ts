// Where the numbers come from: without this, a result cannot be compared or reproduced.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  /** The commit benchmarked, with "+dirty" when the working tree has changes; undefined outside git. */
  commit: string | undefined;
  /** 1-minute load average when the run began: a busy machine makes every number worse. */
  loadAverageAtStart: number;
}

function git(repoRoot: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function describeMachine(repoRoot: string): Machine {
  const head = git(repoRoot, ['rev-parse', '--short=12', 'HEAD']);
  const dirty = head !== undefined && (git(repoRoot, ['status', '--porcelain']) ?? '') !== '';
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit: head && (dirty ? `${head}+dirty` : head),
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}
