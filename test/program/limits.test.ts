// One limit, one message: a bad value is refused by the stack config and by the component that would
// receive it with the same allowed values, both quoted from contract/limits.ts.
import { validateAwsNotesAppArgs, type AwsNotesAppArgs } from '../../aws/args';
import { validateAzureNotesAppArgs, type AzureNotesAppArgs } from '../../azure/args';
import {
  API_THROTTLE_BURST_LIMIT,
  AZURE_INSTANCE_MEMORY_MB,
  AZURE_MAXIMUM_INSTANCES,
  CORS_ORIGINS_ALLOWED,
  describeOneOf,
  describeRange,
  FUNCTION_MEMORY_MB,
  FUNCTION_TIMEOUT_SECONDS,
  LOG_RETENTION_DAYS,
} from '../../contract/limits';
import { parseConfig } from '../../program/config';
import { awsNotesAppArgs, azureNotesAppArgs } from '../../program/stack-args';

const defaults = parseConfig({ auth: 'none' });
const awsArgs = (change: Partial<AwsNotesAppArgs>): AwsNotesAppArgs => ({ ...awsNotesAppArgs(defaults), ...change });
const azureArgs = (change: Partial<AzureNotesAppArgs>): AzureNotesAppArgs => ({
  ...azureNotesAppArgs(defaults),
  ...change,
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal, got none');
}

describe.each<[string, Record<string, unknown>, () => void, string]>([
  [
    'Lambda memory',
    { functionMemoryMb: 64 },
    () => validateAwsNotesAppArgs(awsArgs({ memoryMb: 64 }), 'dev'),
    describeRange(FUNCTION_MEMORY_MB),
  ],
  [
    'Lambda timeout',
    { functionTimeoutSeconds: 901 },
    () => validateAwsNotesAppArgs(awsArgs({ timeoutSeconds: 901 }), 'dev'),
    describeRange(FUNCTION_TIMEOUT_SECONDS),
  ],
  [
    'API burst',
    { apiThrottleBurstLimit: 0 },
    () => validateAwsNotesAppArgs(awsArgs({ throttle: { rateLimit: 10, burstLimit: 0 } }), 'dev'),
    describeRange(API_THROTTLE_BURST_LIMIT),
  ],
  [
    'log retention',
    { logRetentionDays: 10, clouds: 'aws' },
    () => validateAwsNotesAppArgs(awsArgs({ logRetentionDays: 10 }), 'dev'),
    LOG_RETENTION_DAYS.join(', '),
  ],
  // Its floor used to be 40 in the config and 1 in the component.
  [
    'Flex maximum instances',
    { azureMaximumInstances: 1001 },
    () => validateAzureNotesAppArgs(azureArgs({ maximumInstanceCount: 1001 })),
    describeRange(AZURE_MAXIMUM_INSTANCES),
  ],
  [
    'Flex instance memory',
    { azureInstanceMemoryMb: 512 },
    () => validateAzureNotesAppArgs(azureArgs({ memoryMb: 512 as AzureNotesAppArgs['memoryMb'] })),
    AZURE_INSTANCE_MEMORY_MB.join(', '),
  ],
  [
    'a CORS origin with a path (AWS)',
    { corsOrigins: ['https://a.example.com/app'] },
    () => validateAwsNotesAppArgs(awsArgs({ corsOrigins: ['https://a.example.com/app'] }), 'dev'),
    CORS_ORIGINS_ALLOWED,
  ],
  [
    'a CORS origin with a path (Azure)',
    { corsOrigins: ['https://a.example.com/app'] },
    () => validateAzureNotesAppArgs(azureArgs({ corsOrigins: ['https://a.example.com/app'] })),
    CORS_ORIGINS_ALLOWED,
  ],
])('%s', (_label, config, component, allowed) => {
  it('is refused by the config and by the component, both quoting the same allowed values', () => {
    const fromConfig = messageOf(() => parseConfig({ auth: 'none', ...config }));
    const fromComponent = messageOf(component);
    expect(fromConfig).toContain(allowed);
    expect(fromComponent).toContain(allowed);
  });
});

it('accepts on the component exactly what the config accepts at the edges', () => {
  const edges = parseConfig({
    azureMaximumInstances: AZURE_MAXIMUM_INSTANCES[0],
    functionMemoryMb: FUNCTION_MEMORY_MB[1],
    auth: 'none',
  });
  expect(() => validateAwsNotesAppArgs(awsNotesAppArgs(edges), 'dev')).not.toThrow();
  expect(() => validateAzureNotesAppArgs(azureNotesAppArgs(edges))).not.toThrow();
  expect(describeOneOf([2048, 4096])).toBe('one of 2048, 4096');
});
