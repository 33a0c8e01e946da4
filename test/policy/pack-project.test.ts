// The files `pulumi preview --policy-pack policy` needs: PulumiPolicy.yaml, a package.json with a
// version (PolicyPack reads it from the working directory), and dependencies that resolve from policy/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUTH_SETTINGS, AUTH_MODE_NONE } from '../../contract/settings';
import { SIGN_IN_OFF } from '../../policy/rules/sign-in';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const policyDir = path.join(root, 'policy');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('policy pack project', () => {
  it('declares the nodejs runtime in PulumiPolicy.yaml', () => {
    const project = parse(fs.readFileSync(path.join(policyDir, 'PulumiPolicy.yaml'), 'utf8'));
    expect(project.runtime).toBe('nodejs');
    expect(project.description).toEqual(expect.any(String));
  });

  it('has a versioned package.json asking for the same SDK ranges as the program', () => {
    const pack = readJson(path.join(policyDir, 'package.json'));
    const program = readJson(path.join(root, 'package.json'));
    expect(pack.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const dependency of ['@pulumi/policy', '@pulumi/pulumi']) {
      expect([dependency, pack.dependencies[dependency]]).toEqual([dependency, program.dependencies[dependency]]);
    }
  });

  it("resolves the SDK and the CLI's policy runner from policy/ without an install of its own", () => {
    for (const request of ['@pulumi/policy', '@pulumi/pulumi/cmd/run-policy-pack']) {
      expect(require.resolve(request, { paths: [policyDir] }).startsWith(path.join(root, 'node_modules'))).toBe(true);
    }
  });

  it('spells the sign-in setting as the functions read it (the one name the pack cannot import)', () => {
    expect(SIGN_IN_OFF).toEqual({ setting: AUTH_SETTINGS.mode, value: AUTH_MODE_NONE });
  });

  it('imports nothing from the stacks or the handlers (the pack runs alone)', () => {
    const sources = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
        );
    for (const file of sources(policyDir)) {
      const imports = [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const imported of imports)
        expect([path.relative(root, file), imported]).toEqual([
          path.relative(root, file),
          expect.stringMatching(/^(\.\/|@pulumi\/policy$)/),
        ]);
    }
  });
});
