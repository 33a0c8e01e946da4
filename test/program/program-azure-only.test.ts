import { countByProvider, runIndex } from './program-runner';
import type { ProgramRun } from '../../plan/run-program';

describe('the program with clouds = azure', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runIndex({ clouds: 'azure' });
  });

  it('creates Azure resources only: no AWS resource, provider or invoke', () => {
    const counts = countByProvider(run.resources);
    expect(counts['azure-native']).toBeGreaterThan(10);
    expect(counts.aws).toBe(0);
    const types = run.resources.map((r) => r.type);
    expect(types).toContain('serverless-aws-azure:azure:NotesApp');
    expect(types.filter((t) => /^aws:|^pulumi:providers:aws|^serverless-aws-azure:aws:/.test(t))).toEqual([]);
    expect(run.invokes.filter((token) => token.startsWith('aws:'))).toEqual([]);
  });

  it('exports the Azure URL and endpoint only', () => {
    expect(run.outputs.azureUrl).toMatch(/^https:\/\/.+\.azurewebsites\.net$/);
    expect(run.outputs.awsUrl).toBeUndefined();
    expect(run.outputs.endpoints).toEqual({
      azure: expect.objectContaining({ servedBy: 'azure', url: run.outputs.azureUrl }),
    });
  });
});
