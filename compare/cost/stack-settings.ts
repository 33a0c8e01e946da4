// The stack settings the bill depends on, read the way `plan` reads a stack (plan/stack-config.ts):
// Pulumi.<stack>.yaml over Pulumi.yaml's defaults, validated by the program's own parseConfig.
import { AUTH_CONFIG_KEYS } from '../../program/auth-config';
import { parseConfig, PROJECT } from '../../program/config';
import { readStackConfig } from '../../plan/stack-config';
import type { StackSettings } from './model';

/** Where a stack sets no region, the providers' usual first choice. */
export const DEFAULT_REGIONS = { aws: 'us-east-1', azure: 'eastus' } as const;

export function stackSettingsFromConfig(config: Readonly<Record<string, string>>): StackSettings {
  const prefix = `${PROJECT}:`;
  const own = Object.fromEntries(
    Object.entries(config)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, val]) => [k.slice(prefix.length), val]),
  );
  // Sign-in does not change the bill, and the program checks the stack's own choice: price it without one.
  const authKeys: readonly string[] = Object.values(AUTH_CONFIG_KEYS);
  const priced = Object.fromEntries(Object.entries(own).filter(([k]) => !authKeys.includes(k)));
  const program = parseConfig({ ...priced, [AUTH_CONFIG_KEYS.mode]: 'none' });
  return {
    awsRegion: config['aws:region'] ?? DEFAULT_REGIONS.aws,
    azureRegion: config['azure-native:location'] ?? DEFAULT_REGIONS.azure,
    functionMemoryMb: program.functionMemoryMb,
    azureInstanceMemoryMb: program.azureInstanceMemoryMb,
    logRetentionDays: program.logRetentionDays,
  };
}

/** The settings of Pulumi.<stack>.yaml in `root` (the repository by default). */
export function readStackSettings(stack: string, root = process.cwd()): StackSettings {
  return stackSettingsFromConfig(readStackConfig(root, stack).config);
}
