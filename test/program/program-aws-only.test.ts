import { countByProvider, ofType, runIndex } from './program-runner';
import type { ProgramRun } from '../../plan/run-program';

describe('the program with clouds = aws', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runIndex({ clouds: 'aws', protectData: 'true' });
  });

  it('creates AWS resources only: no Azure resource, provider, deployment or invoke', () => {
    const counts = countByProvider(run.resources);
    expect(counts.aws).toBeGreaterThan(10);
    expect(counts['azure-native']).toBe(0);
    expect(counts.other).toBe(0);
    const types = run.resources.map((r) => r.type);
    expect(types).toContain('serverless-aws-azure:aws:NotesApp');
    expect(
      types.filter((t) => /^azure-native:|^pulumi:providers:azure|dynamic\/azure|^serverless-aws-azure:azure:/.test(t)),
    ).toEqual([]);
    expect(run.invokes.filter((token) => token.startsWith('azure-native:'))).toEqual([]);
  });

  it('protects the tables when protectData is true', () => {
    const tables = ofType(run.resources, 'aws:dynamodb/table:Table');
    expect(tables.length).toBe(2);
    for (const table of tables) expect(table.inputs.deletionProtectionEnabled).toBe(true);
  });

  it('exports the AWS URL and endpoint only', () => {
    expect(run.outputs.awsUrl).toMatch(/^https:\/\/.+\.amazonaws\.com$/);
    expect(run.outputs.azureUrl).toBeUndefined();
    expect(run.outputs.endpoints).toEqual({
      aws: expect.objectContaining({ servedBy: 'aws', url: run.outputs.awsUrl }),
    });
  });
});
