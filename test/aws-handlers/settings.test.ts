// What the AWS entries read from the Lambda environment: the contract's names, the same strictness as
// on Azure, and the memory Lambda states, which the api passes to the app (core reads no AWS variable).
import { noSignIn } from '../../handlers/core/auth/authenticator';
import { AWS_ENV } from '../../contract/aws';
import { awsSetting, lambdaMemoryMb } from '../../handlers/aws/settings';
import { createApp } from '../../handlers/core/app';
import { CONSUMPTION_HEADER } from '../../handlers/core/consumption';
import { MemoryActivityStore, MemoryNoteStore } from '../../handlers/core/memory-stores';
import { MissingSettingError } from '../../handlers/core/settings';

describe('awsSetting', () => {
  it('reads a contract name, and refuses it missing or blank with the same error as Azure', () => {
    expect(awsSetting(AWS_ENV.notesTable, { [AWS_ENV.notesTable]: 'notes-1' })).toBe('notes-1');
    expect(() => awsSetting(AWS_ENV.eventBus, {})).toThrow(new MissingSettingError(AWS_ENV.eventBus));
    expect(() => awsSetting(AWS_ENV.activityTable, { [AWS_ENV.activityTable]: ' ' })).toThrow(MissingSettingError);
  });
});

describe('lambdaMemoryMb', () => {
  it.each<[string | undefined, number | undefined]>([
    ['512', 512],
    [undefined, undefined],
    ['', undefined],
    ['x', undefined],
    ['0', undefined],
  ])('AWS_LAMBDA_FUNCTION_MEMORY_SIZE=%p is %p', (value, memory) =>
    expect(lambdaMemoryMb(value === undefined ? {} : { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: value })).toBe(memory),
  );

  it('is reported with the consumption when the adapter passes it, and absent otherwise', async () => {
    const consumption = async (memoryMb?: number) => {
      const app = createApp({
        auth: noSignIn(),
        notes: new MemoryNoteStore(),
        activity: new MemoryActivityStore(),
        servedBy: 'aws',
        reportConsumption: true,
        memoryMb,
      });
      return JSON.parse((await app.request('/api/hello')).headers.get(CONSUMPTION_HEADER)!) as { memoryMb?: number };
    };
    expect((await consumption(1024)).memoryMb).toBe(1024);
    expect(await consumption()).not.toHaveProperty('memoryMb');
  });
});
