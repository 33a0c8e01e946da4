// deploy.yml's first-run steps: the Azure resource providers registered before `pulumi up` from
// the generated list, and compare waiting (bounded) for both clouds to pass its preflight.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { permissionFiles } from '../../program/permission-documents';
import { ROOT } from './program-runner';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  'timeout-minutes'?: number;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/deploy.yml'), 'utf8')) as {
  jobs: { deploy: { 'timeout-minutes': number; steps: Step[] } };
};
const steps = workflow.jobs.deploy.steps;
const indexOf = (match: (s: Step) => boolean) => steps.findIndex(match);

it('registers the providers from the generated list after the Azure login and before pulumi up', () => {
  const register = indexOf((s) => s.run?.includes('az provider register') ?? false);
  expect(steps[register].run).toContain(`jq -r '.[]' ${permissionFiles.azureProviders}`);
  expect(steps[register].run).toContain('--wait');
  expect(register).toBeGreaterThan(indexOf((s) => s.uses?.startsWith('azure/login@') ?? false));
  expect(register).toBeLessThan(indexOf((s) => s.uses?.startsWith('pulumi/actions@') ?? false));
});

it("waits for both clouds with compare's own preflight (--wait-ready), bounded well below the job's timeout", () => {
  const compare = steps[indexOf((s) => s.run?.includes('npm run compare') ?? false)]!;
  const [, minutes] = /--wait-ready (\d+)m\b/.exec(compare.run ?? '') ?? [];
  expect(Number(minutes)).toBeGreaterThan(0);
  expect(Number(minutes)).toBeLessThan(workflow.jobs.deploy['timeout-minutes'] / 2);
  expect(compare.env).toEqual({
    AWS_URL: '${{ steps.up.outputs.awsUrl }}',
    AZURE_URL: '${{ steps.up.outputs.azureUrl }}',
  });
});
