// Ctrl-C during a run must not leave benchmark processes or temp dirs behind. Children in our process
// group get the signal anyway; detached ones (own group, so a timeout can kill the whole tree) and
// temp dirs are registered here while they exist.
import { rmSync } from 'node:fs';

const kills = new Set<() => void>();
const removals = new Set<() => void>();

function track(set: Set<() => void>, cleanup: () => void): () => void {
  set.add(cleanup);
  return () => set.delete(cleanup);
}

/** Kills a detached child's process group on interrupt, until the returned release is called. */
export function trackGroup(pid: number | undefined): () => void {
  if (pid === undefined) return () => {};
  return track(kills, () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
}

/** Removes a temp dir on interrupt, until the returned release is called. */
export function trackTempDir(dir: string): () => void {
  return track(removals, () => rmSync(dir, { recursive: true, force: true }));
}

/** Process groups first, then directories (a live process may still be writing into one). */
export function cleanUpOnInterrupt(): void {
  for (const set of [kills, removals]) {
    for (const cleanup of set) cleanup();
    set.clear();
  }
}
