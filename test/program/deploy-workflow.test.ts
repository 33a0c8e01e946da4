// deploy.yml's first-run steps: the Azure resource providers registered before `pulumi up` from
// the generated list, and a bounded readiness wait on /api/health before the comparison.
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

it('waits for /api/health of both clouds before comparing, for a bounded time', () => {
  const wait = indexOf((s) => s.run?.includes('/api/health') ?? false);
  const compare = indexOf((s) => s.run?.includes('npm run compare') ?? false);
  expect(wait).toBeGreaterThan(indexOf((s) => s.uses?.startsWith('pulumi/actions@') ?? false));
  expect(wait).toBeLessThan(compare);
  expect(steps[wait].if).toBe(steps[compare].if);
  expect(steps[wait].env).toEqual({ AWS_URL: '${{ steps.up.outputs.awsUrl }}', AZURE_URL: '${{ steps.up.outputs.azureUrl }}' });
  expect(steps[wait]['timeout-minutes']).toBeLessThan(workflow.jobs.deploy['timeout-minutes']);
  expect(steps[wait].run).toMatch(/curl --fail .*--max-time \d+ "\$url\/api\/health"/);
});
