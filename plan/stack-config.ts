/**
 * The config a stack's program sees, computed the way the Pulumi CLI does it: the stack file's
 * values, plus Pulumi.yaml's defaults for the project keys the stack does not set, every value
 * handed over as a string (lists and maps as JSON).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ProjectFile {
  name: string;
  config?: Record<string, { type?: string; default?: unknown; description?: string; items?: unknown } | unknown>;
}

export function readProjectFile(root: string): ProjectFile {
  const project = parse(readFileSync(join(root, 'Pulumi.yaml'), 'utf8')) as ProjectFile;
  if (!project || typeof project.name !== 'string') throw new Error(`${join(root, 'Pulumi.yaml')} has no project name`);
  return project;
}

/** A config value as the language host receives it. */
export function asConfigString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Pulumi.yaml's defaults as full keys (`<project>:<key>`). */
export function projectDefaults(project: ProjectFile): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [key, declaration] of Object.entries(project.config ?? {})) {
    if (declaration && typeof declaration === 'object' && 'default' in declaration) {
      const full = key.includes(':') ? key : `${project.name}:${key}`;
      defaults[full] = asConfigString((declaration as { default: unknown }).default);
    }
  }
  return defaults;
}

export function readStackConfig(root: string, stack: string): { project: string; config: Record<string, string> } {
  const project = readProjectFile(root);
  const path = join(root, `Pulumi.${stack}.yaml`);
  let file: { config?: Record<string, unknown> } | null;
  try {
    file = parse(readFileSync(path, 'utf8')) as { config?: Record<string, unknown> } | null;
  } catch (error) {
    throw new Error(`cannot read the stack file ${path}: ${(error as Error).message}`);
  }
  const config: Record<string, string> = { ...projectDefaults(project) };
  for (const [key, value] of Object.entries(file?.config ?? {})) {
    if (value && typeof value === 'object' && 'secure' in value) {
      throw new Error(`${path}: ${key} is a secret; the offline plan cannot decrypt it`);
    }
    config[key.includes(':') ? key : `${project.name}:${key}`] = asConfigString(value);
  }
  return { project: project.name, config };
}
