// The defaults (real handler bundles, derived names) and switches (unprotected data, no CORS); and
// arguments that must stop the program before it creates anything.
import { buildAwsBundles } from '../../program/bundle';
import { fixtureAwsEntries } from '../bundle/fixture-entries';
import { baseArgs, named, runProgram, type ProgramRun } from './program';

const bundles = buildAwsBundles({ entries: fixtureAwsEntries });
let run: ProgramRun;

beforeAll(async () => {
  // No `code`: the component bundles handlers/aws itself, as under `pulumi up`.
  run = await runProgram([
    { name: 'dev', args: baseArgs({ protectData: false, corsOrigins: [], logRetentionDays: 7 }) },
  ]);
});

describe('AwsNotesApp options', () => {
  it('leaves tables deletable when protectData is false', () => {
    for (const name of ['dev-notes', 'dev-activity']) {
      expect(named(run, 'aws:dynamodb/table:Table', name).inputs.deletionProtectionEnabled).toBe(false);
      expect(run.options.get(`aws:dynamodb/table:Table ${name}`)?.protect).toBeFalsy();
      // Backups and encryption do not depend on the switch.
      expect(named(run, 'aws:dynamodb/table:Table', name).inputs.pointInTimeRecovery).toEqual({ enabled: true });
    }
  });

  it('configures no CORS when no origin is given', () => {
    expect(named(run, 'aws:apigatewayv2/api:Api', 'dev-http-api').inputs.corsConfiguration).toBeUndefined();
  });

  it('deploys the bundles of handlers/aws by default', () => {
    const real = buildAwsBundles();
    for (const name of ['api', 'publisher', 'subscriber'] as const) {
      expect(named(run, 'aws:lambda/function:Function', `dev-${name}`).inputs.tags).toEqual({
        'bundle-sha256': real[name].hash,
      });
    }
  });

  it('names functions <project>-<stack>-<function> by default', () => {
    expect(run.outputs.dev.functionNames).toEqual({
      api: 'serverless-aws-azure-test-api',
      publisher: 'serverless-aws-azure-test-publisher',
      subscriber: 'serverless-aws-azure-test-subscriber',
    });
    expect(named(run, 'aws:cloudwatch/logGroup:LogGroup', 'dev-api-logs').inputs.retentionInDays).toBe(7);
  });

  it('throws on invalid arguments before registering anything', async () => {
    const { AwsNotesApp } = await import('../../aws');
    const before = run.resources.length;
    expect(() => new AwsNotesApp('bad', baseArgs({ code: bundles, memoryMb: 100, logRetentionDays: 2 }))).toThrow(
      /Invalid AwsNotesApp arguments:\n- logRetentionDays must be one of[\s\S]*\n- memoryMb must be an integer from 128 to 10240 \(got 100\)/,
    );
    expect(run.resources.length).toBe(before);
    expect(run.options.has('serverless-aws-azure:aws:NotesApp bad')).toBe(false);
  });

  it('is aliased to its previous type, so a stack deployed as AwsStack keeps every URN', () => {
    // Every child's URN embeds the parent's type: without the alias, renaming it replaces everything.
    const component = run.options.get('serverless-aws-azure:aws:NotesApp dev');
    expect(component?.aliases).toEqual([{ type: 'serverless-aws-azure:aws:Stack' }]);
  });
});
