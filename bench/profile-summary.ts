// Where a V8 CPU profile (.cpuprofile, from --cpu-prof) spent its time: self time per code location
// group (npm package, file of this repository, Node internals, V8 itself), largest first.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  group: string;
  ms: number;
  share: number;
}

/** npm package, repository file, "node internals", or V8's own entries such as "(garbage collector)". */
export function groupOf(frame: { functionName: string; url: string }, repoRoot: string): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const parts = path.slice(at + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.startsWith(`${repoRoot}/`) ? path.slice(repoRoot.length + 1) : path;
}

/** Self time per group; samples[i] was taken timeDeltas[i] µs after the previous one. */
export function selfTimeByGroup(profile: CpuProfile, repoRoot: string): TimeShare[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byGroup = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    if (!node) throw new Error(`profile sample refers to node ${id}, which the profile does not have`);
    const us = profile.timeDeltas[i] ?? 0;
    const group = groupOf(node.callFrame, repoRoot);
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
    total += us;
  });
  return [...byGroup.entries()]
    .map(([group, us]) => ({ group, ms: us / 1000, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.ms - a.ms || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

export function readProfile(file: string): CpuProfile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CpuProfile>;
  if (!Array.isArray(parsed.nodes) || !Array.isArray(parsed.samples) || !Array.isArray(parsed.timeDeltas)) {
    throw new Error(`${file} is not a V8 CPU profile (nodes, samples, timeDeltas)`);
  }
  return parsed as CpuProfile;
}

/** The main thread's profile among those one process wrote (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0). */
export function mainThreadProfile(files: readonly string[]): string | undefined {
  return files.find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f.split('/').pop() ?? ''));
}
