// CPU time a process has used (all its threads), from /proc/<pid>/stat: on a shared, busy machine the
// CPU a request costs is steadier than requests/s, which moves with everything else running.
import { readFileSync } from 'node:fs';

// utime and stime are in clock ticks of USER_HZ, which Linux fixes at 100 for user space (proc(5)).
const MS_PER_TICK = 10;

/** User + system CPU ms of the process so far; undefined where /proc is not there (or the process is gone). */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of proc(5), i.e. 12 and 13 after the state field (3).
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}
