// The real handler entries (handlers/aws/*.ts, handlers/azure/index.ts) bundle, and leave out only
// what their runtime provides: the AWS SDK on Lambda, @azure/functions-core on Azure, Node built-ins.
import { builtinModules } from 'node:module';
import { buildAwsBundles, buildAzurePackage, repoRoot, type Bundle } from '../../program/bundle';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const requiredModules = (script: Buffer): string[] =>
  [...new Set([...script.toString('utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
const nonBuiltin = (bundle: Bundle, file: string) =>
  requiredModules(bundle.files[file]).filter((m) => !builtins.has(m));
const sources = (bundle: Bundle, map: string) =>
  (JSON.parse(bundle.files[map].toString('utf8')) as { sources: string[] }).sources;

describe('bundles of the real handlers', () => {
  const aws = buildAwsBundles();
  const azure = buildAzurePackage();

  it.each(['api', 'publisher', 'subscriber'] as const)(
    'AWS %s requires nothing but the AWS SDK and built-ins',
    (name) => {
      const external = nonBuiltin(aws[name], 'index.js');
      expect(external.length).toBeGreaterThan(0);
      for (const module of external) expect(module).toMatch(/^@aws-sdk\//);
      expect(sources(aws[name], 'index.js.map')).toContain(`../handlers/aws/${name}.ts`);
      expect(sources(aws[name], 'index.js.map').some((s) => s.includes('node_modules/@aws-sdk/'))).toBe(false);
    },
  );

  it('the Azure package requires nothing but @azure/functions-core and built-ins', () => {
    expect(nonBuiltin(azure, 'dist/index.js')).toEqual(['@azure/functions-core']);
    expect(sources(azure, 'dist/index.js.map')).toContain('../../handlers/azure/index.ts');
    expect(azure.files['host.json'].toString('utf8')).toContain('"version": "2.0"');
  });

  it('record no absolute path of this machine', () => {
    for (const bundle of [...Object.values(aws), azure]) {
      for (const content of Object.values(bundle.files)) expect(content.includes(repoRoot)).toBe(false);
    }
  });

  it('the API bundle stays small enough for fast cold starts', () => {
    // A guard against bundling the SDK or a large dependency by accident, not a performance claim.
    expect(aws.api.files['index.js'].length).toBeLessThan(300 * 1024);
  });
});
