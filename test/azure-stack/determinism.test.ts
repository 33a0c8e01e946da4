// The code deployment is keyed on the package's content hash: the same code gives the same inputs
// (no diff in `pulumi preview`), other code gives a new package name. One program, three stacks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import { installAzureMocks, ofType, outputValue, waitFor, type Captured } from './azure-run';
import { fakePackage } from './fake-package';
import { TEST_AUTH } from '../support/stack-auth';

const captured = installAzureMocks();
const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-determinism-test-'));
const protectedNames: string[] = [];
let deployments: Record<string, Record<string, unknown>>;

const packageA = fakePackage('exports.version = "a";');
const packageAAgain = fakePackage('exports.version = "a";'); // rebuilt: new Buffer, same bytes
const packageB = fakePackage('exports.version = "b";');

beforeAll(async () => {
  const { AzureNotesApp } = await import('../../azure');
  const recordProtect: pulumi.ResourceTransformation = ({ name, opts }) => {
    if (opts.protect) protectedNames.push(name);
    return undefined;
  };
  const common = {
    protectData: false,
    logRetentionDays: 30,
    maximumInstanceCount: 40,
    memoryMb: 4096 as const,
    corsOrigins: [],
    auth: TEST_AUTH,
    packageStagingDir: stagingDir,
  };
  const stacks = {
    a: new AzureNotesApp('a', { ...common, code: packageA }, { transformations: [recordProtect] }),
    a2: new AzureNotesApp('a2', { ...common, code: packageAAgain }, { transformations: [recordProtect] }),
    b: new AzureNotesApp('b', { ...common, code: packageB }, { transformations: [recordProtect] }),
  };
  await Promise.all(Object.values(stacks).map((s) => outputValue(s.endpoint)));
  await waitFor(captured, (all) => ofType(all, 'azure-native:eventgrid:TopicEventSubscription').length === 3);
  deployments = Object.fromEntries(
    ofType(captured, 'pulumi-nodejs:dynamic/azure:FlexPackageDeployment').map((d: Captured) => [
      d.name.replace(/-code$/, ''),
      d.inputs,
    ]),
  );
});

afterAll(() => fs.rmSync(stagingDir, { recursive: true, force: true }));

const stackless = (inputs: Record<string, unknown>, stack: string) =>
  JSON.parse(JSON.stringify(inputs).split(`${stack}-app`).join('APP'));

it('gives the same code the same package name and the same deployment inputs', () => {
  expect(packageAAgain.hash).toBe(packageA.hash);
  expect(deployments.a.packageHash).toBe(packageA.hash);
  expect(path.basename(deployments.a.zipPath as string)).toBe(`${packageA.hash}.zip`);
  expect(stackless(deployments.a2, 'a2')).toEqual(stackless(deployments.a, 'a'));
});

it('gives other code another package name, and nothing else changes', () => {
  expect(packageB.hash).not.toBe(packageA.hash);
  expect(deployments.b.packageHash).toBe(packageB.hash);
  expect(path.basename(deployments.b.zipPath as string)).toBe(`${packageB.hash}.zip`);
  const a = stackless(deployments.a, 'a');
  const b = stackless(deployments.b, 'b');
  const differing = Object.keys(a)
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();
  expect(differing).toEqual(['packageHash', 'zipPath', 'zipSha256']);
});

it('stages each package once, byte for byte', () => {
  expect(fs.readdirSync(stagingDir).sort()).toEqual([`${packageA.hash}.zip`, `${packageB.hash}.zip`].sort());
  expect(fs.readFileSync(path.join(stagingDir, `${packageB.hash}.zip`)).equals(packageB.zip)).toBe(true);
});

it('protects nothing when protectData is false, and takes scale settings from the arguments', () => {
  expect(protectedNames).toEqual([]);
  const app = captured.find((c) => c.type === 'azure-native:web:WebApp' && c.name === 'b-app');
  expect(app).toBeDefined();
  expect((app!.inputs.functionAppConfig as Record<string, unknown>).scaleAndConcurrency).toEqual({
    maximumInstanceCount: 40,
    instanceMemoryMB: 4096,
  });
  // No CORS origins: siteConfig carries no cors block.
  expect(app?.inputs.siteConfig).toEqual({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2' });
});
