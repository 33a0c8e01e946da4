// Runs index.ts under Pulumi mocks with the dev stack's config plus overrides, in a fresh module
// registry each time (config must be set before the program loads: pulumi/pulumi#16042).
import { resolve } from 'node:path';
import { PROJECT } from '../../program/config';
import type { RecordedResource } from '../../program/mocks';
import { runProgram, type ProgramRun } from '../../plan/run-program';
import { readStackConfig } from '../../plan/stack-config';

export const ROOT = resolve(__dirname, '../..');

/** Dev stack config with project keys overridden (short keys, values as Pulumi passes them). */
export function devConfig(overrides: Record<string, string> = {}): Record<string, string> {
  const { config } = readStackConfig(ROOT, 'dev');
  for (const [key, value] of Object.entries(overrides)) config[`${PROJECT}:${key}`] = value;
  return config;
}

export function loadIndexFresh(): Record<string, unknown> {
  let exports: Record<string, unknown> = {};
  jest.isolateModules(() => {
    // require, not import: it must load after the mocks and config
    exports = require('../../index') as Record<string, unknown>;
  });
  return exports;
}

export function runIndex(overrides: Record<string, string> = {}): Promise<ProgramRun> {
  return runProgram({ project: PROJECT, stack: 'test', config: devConfig(overrides), load: loadIndexFresh });
}

export type Provider = 'aws' | 'azure-native' | 'other';

export function providerOf(type: string): Provider {
  if (type.startsWith('aws:') || type === 'pulumi:providers:aws') return 'aws';
  if (type.startsWith('azure-native:') || type === 'pulumi:providers:azure-native') return 'azure-native';
  return 'other';
}

/** Custom resources (the ones a provider creates) per provider. */
export function countByProvider(resources: RecordedResource[]): Record<Provider, number> {
  const counts: Record<Provider, number> = { aws: 0, 'azure-native': 0, other: 0 };
  for (const r of resources) if (r.custom) counts[providerOf(r.type)] += 1;
  return counts;
}

export const ofType = (resources: RecordedResource[], type: string) => resources.filter((r) => r.type === type);
