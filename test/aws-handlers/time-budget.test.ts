// The SDK time budget derived from the function timeout: every attempt fits, and a call that
// outlives its share ends with an error the stores count as an outage (503), not a hang.
import { FUNCTION_TIMEOUT_SETTING } from '../../contract/settings';
import { functionTimeoutSeconds } from '../../handlers/aws/settings';
import { isStoreUnavailable } from '../../handlers/aws/store-errors';
import {
  budgetedClientConfig,
  DEFAULT_FUNCTION_TIMEOUT_SECONDS,
  sdkTimeBudget,
  withinBudget,
} from '../../handlers/aws/time-budget';
import { DEFAULTS } from '../../program/config';
import { setLambdaEnv } from './support/aws-env';

describe('sdkTimeBudget', () => {
  it.each([1, 2, 3, 10, 29, 900])(
    'for a %i s function: all attempts end within the call budget, which leaves time to answer',
    (seconds) => {
      const budget = sdkTimeBudget(seconds);
      expect(budget.maxAttempts).toBeGreaterThanOrEqual(1);
      expect(budget.maxAttempts * budget.requestTimeoutMs).toBeLessThanOrEqual(budget.callBudgetMs);
      expect(budget.connectionTimeoutMs).toBeLessThanOrEqual(budget.requestTimeoutMs);
      expect(budget.callBudgetMs).toBeLessThan(seconds * 1000);
      expect(seconds * 1000 - budget.callBudgetMs).toBeGreaterThanOrEqual(Math.min(1000, seconds * 200));
    },
  );

  it('keeps the SDK default of three attempts when there is room (the stack default, 10 s)', () => {
    expect(sdkTimeBudget(10)).toEqual({
      callBudgetMs: 9000,
      maxAttempts: 3,
      requestTimeoutMs: 3000,
      connectionTimeoutMs: 1000,
    });
  });

  it.each([0, -1, Number.NaN])('refuses a timeout of %p', (seconds) => {
    expect(() => sdkTimeBudget(seconds)).toThrow(/positive number of seconds/);
  });
});

describe('withinBudget', () => {
  it('passes a prompt answer through', async () => {
    await expect(withinBudget(Promise.resolve('ok'), 1000)).resolves.toBe('ok');
  });

  it('ends a call that never answers with an error the stores turn into a 503', async () => {
    const error = await withinBudget(new Promise(() => undefined), 20).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as Error).message).toMatch(/no answer within 20 ms/);
    expect(isStoreUnavailable(error)).toBe(true);
  });
});

describe('the function timeout the handlers read', () => {
  it('comes from FUNCTION_TIMEOUT_SECONDS, else the default the stack config also uses', () => {
    const restore = setLambdaEnv({ [FUNCTION_TIMEOUT_SETTING]: '29' });
    try {
      expect(functionTimeoutSeconds()).toBe(29);
      expect(budgetedClientConfig(functionTimeoutSeconds())).toMatchObject({
        maxAttempts: 3,
        requestHandler: { requestTimeout: 9333, throwOnRequestTimeout: true },
      });
      process.env[FUNCTION_TIMEOUT_SETTING] = '';
      expect(functionTimeoutSeconds()).toBe(DEFAULT_FUNCTION_TIMEOUT_SECONDS);
      expect(DEFAULTS.functionTimeoutSeconds).toBe(DEFAULT_FUNCTION_TIMEOUT_SECONDS);
      process.env[FUNCTION_TIMEOUT_SETTING] = 'ten';
      expect(() => functionTimeoutSeconds()).toThrow(
        `${FUNCTION_TIMEOUT_SETTING} must be a positive number of seconds, got "ten"`,
      );
    } finally {
      restore();
      delete process.env[FUNCTION_TIMEOUT_SETTING];
    }
  });
});
