import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULTS, parseConfig, PROJECT } from '../../program/config';
import { projectDefaults, readProjectFile, readStackConfig } from '../../plan/stack-config';
import { ROOT } from './program-runner';

const project = readProjectFile(ROOT);
const declarations = project.config as Record<
  string,
  { type: string; default: unknown; description?: string; items?: { type: string } }
>;

// Values as the CLI hands them to the program: project keys without the namespace.
function projectKeys(config: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(`${PROJECT}:`))
      .map(([key, value]) => [key.slice(PROJECT.length + 1), value]),
  );
}

describe('Pulumi.yaml', () => {
  it('names the project and runs TypeScript on Node.js', () => {
    const raw = parse(readFileSync(join(ROOT, 'Pulumi.yaml'), 'utf8')) as Record<string, unknown>;
    expect(raw.name).toBe(PROJECT);
    expect(raw.runtime).toEqual({ name: 'nodejs', options: { typescript: true } });
    expect(raw.description).toEqual(expect.stringMatching(/AWS.*Azure/s));
  });

  it('declares exactly the keys the program reads, each typed as Pulumi allows, described, with a default of that type', () => {
    expect(Object.keys(declarations).sort()).toEqual(Object.keys(DEFAULTS).sort());
    const typeOf = (value: unknown) =>
      Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    for (const [key, declaration] of Object.entries(declarations)) {
      expect([key, ['string', 'boolean', 'integer', 'array'].includes(declaration.type)]).toEqual([key, true]);
      expect([key, typeOf(declaration.default)]).toEqual([key, declaration.type]);
      expect([key, (declaration.description ?? '').length > 20]).toEqual([key, true]);
      if (declaration.type === 'array') expect(declaration.items).toEqual({ type: 'string' });
    }
  });

  it('has the same defaults as parseConfig', () => {
    expect(projectKeys(projectDefaults(project))).toEqual(
      Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
    );
    // Sign-in has no usable default: the defaults alone stop the program, as an empty config does.
    expect(() => parseConfig(projectKeys(projectDefaults(project)))).toThrow(/Choose how users sign in/);
    expect(parseConfig({ ...projectKeys(projectDefaults(project)), auth: 'none' })).toEqual(
      parseConfig({ auth: 'none' }),
    );
  });
});

describe('Pulumi.dev.yaml', () => {
  it("sets both providers' regions and valid values for every project key", () => {
    const { config } = readStackConfig(ROOT, 'dev');
    expect(config['aws:region']).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    expect(config['azure-native:location']).toMatch(/^[a-z0-9]+$/);
    const stackFile = parse(readFileSync(join(ROOT, 'Pulumi.dev.yaml'), 'utf8')) as { config: Record<string, unknown> };
    const setKeys = Object.keys(stackFile.config).filter((k) => k.startsWith(`${PROJECT}:`));
    expect(setKeys.map((k) => k.slice(PROJECT.length + 1)).sort()).toEqual(Object.keys(DEFAULTS).sort());
    expect(parseConfig(projectKeys(config))).toMatchObject({ clouds: 'both', corsOrigins: ['http://localhost:5173'] });
  });
});
