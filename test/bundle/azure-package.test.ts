import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildAzurePackage, repoRoot } from '../../program/bundle';
import { fixtureAzurePackage } from './fixture-entries';

describe('buildAzurePackage', () => {
  const pkg = buildAzurePackage({ ...fixtureAzurePackage, cache: false });

  it('is a complete Function App package', () => {
    expect(Object.keys(pkg.files)).toEqual(
      expect.arrayContaining(['host.json', 'package.json', 'dist/index.js', 'dist/index.js.map']),
    );
    const hostJson = fs.readFileSync(path.join(repoRoot, fixtureAzurePackage.hostJson as string));
    expect(pkg.files['host.json'].equals(hostJson)).toBe(true);
    const packageJson = JSON.parse(pkg.files['package.json'].toString('utf8')) as Record<string, unknown>;
    expect(packageJson.main).toBe('dist/index.js');
    expect(packageJson.dependencies).toEqual({});
    expect(packageJson.type).toBeUndefined();
  });

  it('bundles @azure/functions but leaves the host-provided @azure/functions-core external', () => {
    const script = pkg.files['dist/index.js'].toString('utf8');
    expect(script).toContain('require("@azure/functions-core")');
    expect(script).not.toContain('require("@azure/functions")');
    expect(script).toContain('"{*path}"');
    expect(script.trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
    const sources = (JSON.parse(pkg.files['dist/index.js.map'].toString('utf8')) as { sources: string[] }).sources;
    expect(sources).toContain('../../test/bundle/fixtures/azure/index.ts');
  });

  it('is byte-identical when built twice', () => {
    const again = buildAzurePackage({ ...fixtureAzurePackage, cache: false });
    expect(again.hash).toBe(pkg.hash);
    for (const [name, content] of Object.entries(pkg.files)) expect(again.files[name].equals(content)).toBe(true);
  });

  it('caches within the process', () => {
    const once = buildAzurePackage(fixtureAzurePackage);
    expect(buildAzurePackage(fixtureAzurePackage)).toBe(once);
    expect(once.hash).toBe(pkg.hash);
  });

  it('rejects a missing or invalid host.json with a clear error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-json-'));
    try {
      expect(() => buildAzurePackage({ ...fixtureAzurePackage, hostJson: path.join(dir, 'none.json') })).toThrow(
        /cannot read host\.json/,
      );
      fs.writeFileSync(path.join(dir, 'bad.json'), '{ not json');
      expect(() => buildAzurePackage({ ...fixtureAzurePackage, hostJson: path.join(dir, 'bad.json') })).toThrow(
        /invalid host\.json/,
      );
      fs.writeFileSync(path.join(dir, 'v1.json'), '{"version":"1.0"}');
      expect(() => buildAzurePackage({ ...fixtureAzurePackage, hostJson: path.join(dir, 'v1.json') })).toThrow(
        /"version": "2\.0"/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
