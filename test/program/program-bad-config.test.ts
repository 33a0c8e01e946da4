import { installMocks } from '../../program/mocks';
import { PROJECT } from '../../program/config';
import { devConfig, loadIndexFresh } from './program-runner';

// Bad config must stop the program before the first resource is registered.
const cases: [string, Record<string, string>, RegExp][] = [
  ['an unknown cloud', { clouds: 'gcp' }, /:clouds = 'gcp' is not allowed\. Allowed: "aws", "azure", "both"/],
  ['a negative retention', { logRetentionDays: '-1' }, /:logRetentionDays = '-1' is not allowed\. Allowed: 1, 3, 5/],
  [
    'a malformed origin',
    { corsOrigins: '["https://app.example.com/"]' },
    /:corsOrigins = .* \("https:\/\/app\.example\.com\/": write it as https:\/\/app\.example\.com\)/,
  ],
  ['a misspelt key', { logRetentionDay: '30' }, /:logRetentionDay is not a known setting/],
  [
    'an alert address that is no e-mail address',
    { alertEmail: 'ops-at-example.com' },
    /:alertEmail = 'ops-at-example\.com' is not allowed\. Allowed: an e-mail address/,
  ],
  [
    'an alert threshold of 0',
    { alertFunctionErrors: '0' },
    /:alertFunctionErrors = '0' is not allowed\. Allowed: an integer from 1 to 100000/,
  ],
  [
    'a 5xx share over 100 %',
    { alertServerErrorPercent: '150' },
    /:alertServerErrorPercent = '150' is not allowed\. Allowed: an integer from 1 to 100 /,
  ],
  [
    'a retention Azure cannot keep',
    { logRetentionDays: '1096' },
    /:logRetentionDays = '1096' is not allowed while clouds = 'both'/,
  ],
];

describe('the program with bad config', () => {
  it.each(cases)('fails on %s, naming the key, with no resource registered', async (_, overrides, message) => {
    const mocks = installMocks({ config: devConfig(overrides), project: PROJECT });
    expect(loadIndexFresh).toThrow(message);
    // Give any stray registration time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mocks.resources).toEqual([]);
    expect(mocks.calls).toEqual([]);
  });
});
