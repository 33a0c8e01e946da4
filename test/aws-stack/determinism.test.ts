// Same sources → same inputs, code hash included; an edited handler changes only its own function.
import { buildAwsBundles } from '../../program/bundle';
import { createTempAwsEntries } from '../bundle/temp-entries';
import { archiveFiles, baseArgs, runProgram, type CapturedResource, type ProgramRun } from './program';

let run: ProgramRun;

beforeAll(async () => {
  const temp = createTempAwsEntries();
  try {
    const first = buildAwsBundles({ entries: temp.entries, cache: false });
    const second = buildAwsBundles({ entries: temp.entries, cache: false });
    temp.append('publisher.ts', 'export const addedLater = (): number => 42;');
    temp.append('publisher.ts', 'console.log(addedLater());');
    const edited = buildAwsBundles({ entries: temp.entries, cache: false });
    // Three instances in one program (a drained mocks runtime cannot run a second program):
    // the names differ only in the run number, which the comparison below masks.
    run = await runProgram([
      { name: 'run1', args: baseArgs({ code: first, namePrefix: 'run1' }) },
      { name: 'run2', args: baseArgs({ code: second, namePrefix: 'run2' }) },
      { name: 'run3', args: baseArgs({ code: edited, namePrefix: 'run3' }) },
    ]);
  } finally {
    temp.cleanup();
  }
});

/** Inputs with archives read out and the run number masked, keyed by type and masked name. */
async function snapshot(instance: string): Promise<Map<string, string>> {
  const mask = (text: string) => text.split(instance).join('runX');
  const ofInstance = run.resources.filter((r) => r.name === instance || r.name.startsWith(`${instance}-`));
  const entries = await Promise.all(
    ofInstance.map(async (r: CapturedResource) => {
      const inputs = { ...r.inputs };
      if (inputs.code !== undefined) inputs.code = await archiveFiles(inputs.code);
      return [mask(`${r.type} ${r.name}`), mask(JSON.stringify(inputs))] as const;
    }),
  );
  return new Map(entries);
}

describe('determinism', () => {
  it('gives identical inputs, code included, for the same sources', async () => {
    const [one, two] = [await snapshot('run1'), await snapshot('run2')];
    expect(one.size).toBeGreaterThan(25);
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [key, inputs] of one) expect(two.get(key)).toBe(inputs);
  });

  it("changes only the edited function's code and hash", async () => {
    const [one, three] = [await snapshot('run1'), await snapshot('run3')];
    const changed = [...one.keys()].filter((key) => three.get(key) !== one.get(key));
    expect(changed).toEqual(['aws:lambda/function:Function runX-publisher']);
    const before = JSON.parse(one.get(changed[0]) as string) as Record<string, unknown>;
    const after = JSON.parse(three.get(changed[0]) as string) as Record<string, unknown>;
    const differing = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(differing.sort()).toEqual(['code', 'tags']);
  });
});
