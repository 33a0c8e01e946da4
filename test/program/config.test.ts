import { ALLOWED, ConfigError, DEFAULTS, parseConfig, PROJECT, type ConfigKey } from '../../program/config';

const AUTH_KEYS = ['auth', 'authIssuer', 'authAudience'];

/** The problems of `raw`; sign-in is set to "none" unless the case itself is about sign-in. */
function problemsOf(raw: Record<string, unknown>): ConfigError['problems'] {
  try {
    parseConfig(AUTH_KEYS.some((key) => key in raw) ? raw : { auth: 'none', ...raw });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe('parseConfig', () => {
  it('fills every default when only the sign-in choice is set', () => {
    expect(parseConfig({ auth: 'none' })).toEqual({
      clouds: 'both',
      protectData: true,
      logRetentionDays: 30,
      apiThrottle: { rateLimit: 100, burstLimit: 200 },
      functionMemoryMb: 512,
      functionTimeoutSeconds: 10,
      azureMaximumInstances: 40,
      azureInstanceMemoryMb: 2048,
      corsOrigins: [],
      reportConsumption: false,
      alerts: { email: '', functionErrors: 1, throttles: 10, serverErrorPercent: 5, streamAgeSeconds: 600 },
      auth: { mode: 'none' },
    });
  });

  describe('sign-in (authIssuer + authAudience, or auth: none)', () => {
    it('stops with how to choose when neither is set, and names the other bad keys in the same error', () => {
      const problems = problemsOf({ functionMemoryMb: '1', auth: '' });
      expect(problems.map((p) => p.key)).toEqual(['functionMemoryMb', 'auth']);
      expect(problems[1].message).toMatch(/Choose how users sign in; nothing was created/);
      expect(problems[1].message).toContain('pulumi config set authIssuer');
      expect(problems[1].message).toContain('pulumi config set auth none');
    });

    it('treats the "" that Pulumi.yaml declares as its default as unset', () => {
      expect(problemsOf({ authIssuer: '', authAudience: '', auth: '' })[0].message).toMatch(/Choose how users sign in/);
    });

    it('takes an OIDC issuer with its audience', () => {
      const config = parseConfig({ authIssuer: 'https://login.example.com/t/v2.0', authAudience: 'api://notes' });
      expect(config.auth).toEqual({
        mode: 'oidc',
        issuer: 'https://login.example.com/t/v2.0',
        audience: 'api://notes',
      });
    });

    it.each([
      [{ authIssuer: 'https://login.example.com/' }, /authIssuer is set but authAudience is not/],
      [{ authAudience: 'api://notes' }, /authAudience is set but authIssuer is not/],
      [{ auth: 'none', authIssuer: 'https://login.example.com/' }, /keep one or the other/],
      [{ auth: 'off' }, /auth accepts only "none"/],
      [{ authIssuer: 'http://login.example.com/', authAudience: 'a' }, /authIssuer: /],
    ])('refuses %j', (raw, message) => {
      expect(problemsOf(raw).find((p) => p.key === 'auth')?.message).toMatch(message);
    });
  });

  it('reads the strings Pulumi hands over (numbers, booleans, JSON arrays)', () => {
    expect(
      parseConfig({
        clouds: 'aws',
        protectData: 'false',
        logRetentionDays: '1096',
        apiThrottleRateLimit: '5',
        apiThrottleBurstLimit: '10',
        functionMemoryMb: '1024',
        functionTimeoutSeconds: '29',
        azureMaximumInstances: '1000',
        azureInstanceMemoryMb: '4096',
        corsOrigins: '["https://app.example.com","http://localhost:3000"]',
        reportConsumption: 'true',
        alertEmail: 'ops@example.com',
        alertFunctionErrors: '3',
        alertThrottles: '50',
        alertServerErrorPercent: '100',
        alertStreamAgeSeconds: '60',
        authIssuer: 'https://login.example.com/t/v2.0',
        authAudience: 'api://notes',
      }),
    ).toEqual({
      clouds: 'aws',
      protectData: false,
      logRetentionDays: 1096,
      apiThrottle: { rateLimit: 5, burstLimit: 10 },
      functionMemoryMb: 1024,
      functionTimeoutSeconds: 29,
      azureMaximumInstances: 1000,
      azureInstanceMemoryMb: 4096,
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
      reportConsumption: true,
      alerts: {
        email: 'ops@example.com',
        functionErrors: 3,
        throttles: 50,
        serverErrorPercent: 100,
        streamAgeSeconds: 60,
      },
      auth: { mode: 'oidc', issuer: 'https://login.example.com/t/v2.0', audience: 'api://notes' },
    });
  });

  it('accepts already-typed values and "*" alone', () => {
    const config = parseConfig({ protectData: false, logRetentionDays: 7, corsOrigins: ['*'], auth: 'none' });
    expect(config).toMatchObject({ protectData: false, logRetentionDays: 7, corsOrigins: ['*'] });
  });

  const badValues: [ConfigKey, unknown, RegExp][] = [
    ['clouds', 'gcp', /"aws", "azure", "both"/],
    ['clouds', 'AWS', /"aws", "azure", "both"/],
    ['protectData', 'yes', /true, false/],
    ['reportConsumption', 'on', /true, false/],
    ['logRetentionDays', '-1', /1, 3, 5, 7, 14, 30/],
    ['logRetentionDays', '0', /3653/],
    ['logRetentionDays', '31', /30, 60/],
    ['apiThrottleRateLimit', '0', /1 to 10000/],
    ['apiThrottleBurstLimit', '2.5', /1 to 5000/],
    ['functionMemoryMb', 'lots', /128 to 10240/],
    ['functionMemoryMb', '64', /128 to 10240/],
    ['functionTimeoutSeconds', '901', /1 to 900/],
    ['functionTimeoutSeconds', '', /1 to 900/],
    ['azureMaximumInstances', '0', /1 to 1000/],
    ['azureInstanceMemoryMb', '1024', /2048, 4096/],
    ['corsOrigins', 'https://example.com', /JSON array of origins/],
    ['corsOrigins', '{"a":1}', /JSON array of origins/],
    ['alertEmail', 'ops', /e-mail address/],
    ['alertEmail', 'ops@example', /e-mail address/],
    ['alertEmail', 'a b@example.com', /e-mail address/],
    ['alertFunctionErrors', '0', /1 to 100000/],
    ['alertThrottles', 'many', /1 to 100000/],
    ['alertServerErrorPercent', '101', /1 to 100 /],
    ['alertStreamAgeSeconds', '59', /60 to 86400/],
  ];
  it.each(badValues)('refuses %s = %j, naming the key and the allowed values', (key, value, allowed) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].key).toBe(key);
    expect(problems[0].message).toContain(`${PROJECT}:${key}`);
    expect(problems[0].message).toContain(ALLOWED[key]);
    expect(problems[0].message).toMatch(allowed);
  });

  const badOrigins: [string[], RegExp][] = [
    [['https://example.com/'], /write it as https:\/\/example\.com/],
    [['https://Example.com'], /write it as https:\/\/example\.com/],
    [['https://example.com/app'], /write it as https:\/\/example\.com/],
    [['https://example.com:443'], /write it as https:\/\/example\.com/],
    [['ftp://example.com'], /http or https/],
    [['example.com'], /not an origin/],
    [['https://*.example.com'], /wildcard/],
    [['*', 'https://example.com'], /"\*" must be the only entry/],
    [['https://a.example', 'https://a.example'], /listed twice/],
  ];
  it.each(badOrigins)('says which origin is wrong in %j', (origins, reason) => {
    const [problem] = problemsOf({ corsOrigins: JSON.stringify(origins) });
    expect(problem.key).toBe('corsOrigins');
    expect(problem.message).toMatch(reason);
    expect(problem.message).toContain(ALLOWED.corsOrigins);
  });

  it('reports every bad key at once, in one error', () => {
    const problems = problemsOf({ clouds: 'gcp', logRetentionDays: '-1', corsOrigins: '["https://a.example/"]' });
    expect(problems.map((p) => p.key)).toEqual(['clouds', 'logRetentionDays', 'corsOrigins']);
  });

  it('refuses a misspelt key and lists the known ones', () => {
    const [problem] = problemsOf({ protectdata: 'true' });
    expect(problem.message).toContain(`${PROJECT}:protectdata is not a known setting`);
    for (const key of Object.keys(DEFAULTS)) expect(problem.message).toContain(key);
  });

  it('refuses retention Log Analytics cannot keep while Azure is deployed, and allows it on AWS alone', () => {
    for (const clouds of ['azure', 'both']) {
      const [problem] = problemsOf({ clouds, logRetentionDays: '731' });
      expect(problem.key).toBe('logRetentionDays');
      expect(problem.message).toMatch(/at most 730 days\). Allowed: 1, 3, .*, 545\./);
    }
    expect(parseConfig({ clouds: 'aws', logRetentionDays: '731', auth: 'none' }).logRetentionDays).toBe(731);
  });

  it('puts every problem in the error message, with how to fix it', () => {
    expect(() => parseConfig({ clouds: 'gcp', functionMemoryMb: '1', auth: 'none' })).toThrow(
      /nothing was created or changed[\s\S]*:clouds[\s\S]*:functionMemoryMb[\s\S]*pulumi config set/,
    );
  });
});
