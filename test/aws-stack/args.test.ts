import { validateAwsNotesAppArgs, type AwsNotesAppArgs } from '../../aws/args';
import { TEST_AUTH } from '../support/stack-auth';

const valid: AwsNotesAppArgs = {
  protectData: false,
  logRetentionDays: 14,
  throttle: { rateLimit: 10, burstLimit: 20 },
  memoryMb: 512,
  timeoutSeconds: 10,
  corsOrigins: ['https://a.example.com', 'http://localhost:5173'],
  auth: TEST_AUTH,
};

describe('validateAwsNotesAppArgs', () => {
  it('accepts sensible arguments', () => {
    expect(() => validateAwsNotesAppArgs(valid, 'serverless-aws-azure-dev')).not.toThrow();
    expect(() => validateAwsNotesAppArgs({ ...valid, corsOrigins: ['*'] }, 'dev')).not.toThrow();
  });

  it.each<[string, Partial<AwsNotesAppArgs>, RegExp]>([
    ['a retention CloudWatch rejects', { logRetentionDays: 10 }, /logRetentionDays must be one of 1, 3, 5/],
    [
      'a zero rate',
      { throttle: { rateLimit: 0, burstLimit: 5 } },
      /throttle\.rateLimit must be an integer from 1 to 10000 \(got 0\)/,
    ],
    [
      'a fractional burst',
      { throttle: { rateLimit: 5, burstLimit: 1.5 } },
      /throttle\.burstLimit must be an integer from 1 to 5000/,
    ],
    ['too little memory', { memoryMb: 64 }, /memoryMb must be an integer from 128 to 10240 \(got 64\)/],
    ['too long a timeout', { timeoutSeconds: 901 }, /timeoutSeconds must be an integer from 1 to 900/],
    ['an origin with a path', { corsOrigins: ['https://a.example.com/app'] }, /corsOrigins must be a list of origins/],
    ['"*" beside other origins', { corsOrigins: ['*', 'https://a.example.com'] }, /"\*" must be the only entry/],
    ['protectData as a string', { protectData: 'yes' as unknown as boolean }, /protectData must be true or false/],
    [
      'no sign-in choice',
      { auth: undefined as never },
      /auth must be \{ mode: 'oidc', issuer, audience \} or \{ mode: 'none' \}/,
    ],
    [
      'an issuer over plain http',
      { auth: { mode: 'oidc', issuer: 'http://login.example.com/', audience: 'a' } },
      /auth\.issuer: /,
    ],
    [
      'an empty audience',
      { auth: { mode: 'oidc', issuer: 'https://login.example.com/', audience: '' } },
      /auth\.audience must be a non-empty string/,
    ],
  ])('rejects %s', (_label, change, message) => {
    expect(() => validateAwsNotesAppArgs({ ...valid, ...change }, 'dev')).toThrow(message);
  });

  it('rejects a name prefix Lambda would refuse', () => {
    expect(() => validateAwsNotesAppArgs(valid, 'has.dots')).toThrow(/namePrefix must be 1\.\.50 letters/);
    expect(() => validateAwsNotesAppArgs(valid, 'x'.repeat(51))).toThrow(/namePrefix/);
  });

  it('lists every problem at once', () => {
    expect(() => validateAwsNotesAppArgs({ ...valid, memoryMb: 1, timeoutSeconds: 0 }, 'dev')).toThrow(
      /memoryMb[\s\S]*\n- timeoutSeconds/,
    );
  });
});
