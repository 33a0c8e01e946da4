import { ALLOWED, ConfigError, DEFAULTS, parseConfig, PROJECT, type ConfigKey } from '../../program/config';

function problemsOf(raw: Record<string, unknown>): ConfigError['problems'] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe('parseConfig', () => {
  it('fills every default when nothing is set', () => {
    expect(parseConfig({})).toEqual({
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
      alerts: { email: 'ops@example.com', functionErrors: 3, throttles: 50, serverErrorPercent: 100, streamAgeSeconds: 60 },
    });
  });

  it('accepts already-typed values and "*" alone', () => {
    const config = parseConfig({ protectData: false, logRetentionDays: 7, corsOrigins: ['*'] });
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
    expect(parseConfig({ clouds: 'aws', logRetentionDays: '731' }).logRetentionDays).toBe(731);
  });

  it('puts every problem in the error message, with how to fix it', () => {
    expect(() => parseConfig({ clouds: 'gcp', functionMemoryMb: '1' })).toThrow(
      /nothing was created or changed[\s\S]*:clouds[\s\S]*:functionMemoryMb[\s\S]*pulumi config set/,
    );
  });
});
