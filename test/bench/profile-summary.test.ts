import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupOf, mainThreadProfile, readProfile, selfTimeByGroup, type CpuProfile } from '../../bench/profile-summary';

const root = '/repo';

describe('CPU profile summary', () => {
  it('groups frames by npm package (scoped or not), repository file, Node internals and V8 entries', () => {
    expect(groupOf({ functionName: 'x', url: 'file:///repo/node_modules/hono/dist/cjs/hono.js' }, root)).toBe('hono');
    expect(
      groupOf({ functionName: 'x', url: 'file:///repo/node_modules/a/node_modules/@smithy/core/dist/index.js' }, root),
    ).toBe('@smithy/core');
    expect(groupOf({ functionName: 'x', url: 'file:///repo/handlers/core/app.ts' }, root)).toBe('handlers/core/app.ts');
    expect(groupOf({ functionName: 'x', url: 'node:internal/streams/writable' }, root)).toBe('node internals');
    expect(groupOf({ functionName: '(garbage collector)', url: '' }, root)).toBe('(garbage collector)');
    expect(groupOf({ functionName: 'writev', url: '' }, root)).toBe('(native)');
  });

  it("adds each sample's time delta to the group of the node it hit, largest group first", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '' } },
        { id: 2, callFrame: { functionName: 'f', url: 'file:///repo/node_modules/hono/x.js' } },
        { id: 3, callFrame: { functionName: 'g', url: 'file:///repo/local/main.ts' } },
      ],
      samples: [2, 3, 2, 1],
      timeDeltas: [1000, 500, 2000, 500],
    };
    expect(selfTimeByGroup(profile, root)).toEqual([
      { group: 'hono', ms: 3, share: 0.75 },
      { group: '(idle)', ms: 0.5, share: 0.125 },
      { group: 'local/main.ts', ms: 0.5, share: 0.125 },
    ]);
  });

  it('refuses a sample that names a node the profile does not have', () => {
    const profile: CpuProfile = { nodes: [], samples: [7], timeDeltas: [1] };
    expect(() => selfTimeByGroup(profile, root)).toThrow('node 7');
  });

  it('picks the main thread (thread 0) among the files one process wrote', () => {
    const files = [
      'CPU.20261125.112014.2447.1.002.cpuprofile',
      'CPU.20261125.112013.2447.0.001.cpuprofile',
      'notes.txt',
    ];
    expect(mainThreadProfile(files)).toBe('CPU.20261125.112013.2447.0.001.cpuprofile');
    expect(mainThreadProfile(['CPU.20261125.112014.2447.1.002.cpuprofile'])).toBeUndefined();
  });

  describe('reading a profile file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'bench-profile-test-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads a V8 profile and refuses JSON that is not one', () => {
      const good = join(dir, 'good.cpuprofile');
      writeFileSync(good, JSON.stringify({ nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 1 }));
      expect(readProfile(good).samples).toEqual([]);
      const bad = join(dir, 'bad.cpuprofile');
      writeFileSync(bad, JSON.stringify({ nodes: [] }));
      expect(() => readProfile(bad)).toThrow('is not a V8 CPU profile');
    });
  });
});
