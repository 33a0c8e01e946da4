import { parseCli } from '../../local/cli-options';
import { UsageError } from '../../tools/cli';

describe('npm start options', () => {
  it('defaults to ports 3001/3002 on disk', () => {
    expect(parseCli([], {})).toEqual({
      help: false,
      stopTimeoutMs: 10_000,
      options: { awsPort: 3001, azurePort: 3002, issuerPort: 3003, inMemory: false },
    });
  });

  it('takes the stop timeout from LOCAL_STOP_TIMEOUT_MS', () => {
    expect(parseCli([], { LOCAL_STOP_TIMEOUT_MS: '2500' })).toMatchObject({ stopTimeoutMs: 2500 });
  });

  it('takes ports from env, and flags over env', () => {
    expect(parseCli([], { LOCAL_AWS_PORT: '4001', LOCAL_AZURE_PORT: '4002' })).toMatchObject({
      options: { awsPort: 4001, azurePort: 4002 },
    });
    expect(parseCli(['--aws-port', '5001'], { LOCAL_AWS_PORT: '4001' })).toMatchObject({
      options: { awsPort: 5001, azurePort: 3002 },
    });
  });

  it('reads --in-memory, --data-dir and --help', () => {
    expect(parseCli(['--in-memory', '--data-dir', '/tmp/x'], {})).toMatchObject({
      options: { inMemory: true, dataDir: '/tmp/x' },
    });
    expect(parseCli(['-h'], {})).toEqual({ help: true });
  });

  it('takes --auth none for a trial run, and --issuer-port / LOCAL_ISSUER_PORT; refuses anything else', () => {
    expect(parseCli(['--auth', 'none'], {})).toMatchObject({ options: { auth: 'none' } });
    expect(parseCli(['--auth', 'oidc'], {})).toMatchObject({ options: { auth: 'oidc' } });
    expect(() => parseCli(['--auth', 'off'], {})).toThrow(/--auth must be oidc or none, not "off"/);
    expect(parseCli([], { LOCAL_ISSUER_PORT: '0' })).toMatchObject({ options: { issuerPort: 0 } });
    expect(parseCli(['--issuer-port', '4003'], { LOCAL_ISSUER_PORT: '0' })).toMatchObject({
      options: { issuerPort: 4003 },
    });
    expect(() => parseCli(['--issuer-port', '3001'], {})).toThrow(/must be different ports/);
  });

  it.each([
    [['--aws-port', 'abc'], {}, /--aws-port must be a port number/],
    [['--azure-port', '70000'], {}, /--azure-port must be in 0\.\.65535 \(got 70000\)/],
    [[], { LOCAL_AZURE_PORT: '-1' }, /LOCAL_AZURE_PORT must be a port number/],
    [['--aws-port', '4000', '--azure-port', '4000'], {}, /both 4000/],
    [['--bogus'], {}, /Unknown option '--bogus'/],
    [['extra'], {}, /Unexpected argument 'extra'/],
    [[], { LOCAL_STOP_TIMEOUT_MS: '0' }, /LOCAL_STOP_TIMEOUT_MS must be in 1\.\.2147483647 \(got 0\)/],
    [
      [],
      { LOCAL_STOP_TIMEOUT_MS: '1.5s' },
      /LOCAL_STOP_TIMEOUT_MS must be a whole number of milliseconds in 1\.\.2147483647 \(got "1\.5s"\)/,
    ],
  ])('refuses %j %j with a clear message', (argv, env, message) => {
    expect(() => parseCli(argv, env)).toThrow(UsageError);
    expect(() => parseCli(argv, env)).toThrow(message);
  });
});
