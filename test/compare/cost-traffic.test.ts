// --traffic values: a named profile, or key=value pairs over the default; anything else a clear error.
import {
  DEFAULT_TRAFFIC_PROFILE,
  parseTrafficProfile,
  TRAFFIC_PROFILES,
  TrafficProfileError,
} from '../../compare/cost/traffic';

describe('parseTrafficProfile', () => {
  it('takes each named profile, and the default when none is given', () => {
    for (const [name, profile] of Object.entries(TRAFFIC_PROFILES)) expect(parseTrafficProfile(name)).toEqual(profile);
    expect(parseTrafficProfile(undefined)).toEqual(TRAFFIC_PROFILES[DEFAULT_TRAFFIC_PROFILE]);
  });

  it('reads key=value pairs, units and percentages, the rest from the default profile', () => {
    const base = TRAFFIC_PROFILES[DEFAULT_TRAFFIC_PROFILE]!;
    expect(parseTrafficProfile('requests=50_000,reads=75%,note=2KB')).toEqual({
      name: 'requests=50_000,reads=75%,note=2KB',
      requestsPerDay: 50_000,
      readShare: 0.75,
      noteBytes: 2048,
      storedNotes: base.storedNotes,
    });
    expect(parseTrafficProfile('reads=0.5, note=0.25MB, stored=7')).toMatchObject({
      readShare: 0.5,
      noteBytes: 262144,
      storedNotes: 7,
    });
    // The named profiles are not changed by a custom one.
    expect(TRAFFIC_PROFILES[DEFAULT_TRAFFIC_PROFILE]).toEqual(base);
  });

  it.each([
    ['nightly', 'unknown traffic profile "nightly"'],
    ['requests=many', 'requests=many: must be a whole number'],
    ['requests=-5', 'requests=-5: must be a whole number'],
    ['reads=120%', 'reads=120%: must be a share'],
    ['note=2GB', 'note=2GB: must be a size from 1 byte to 400KB'],
    ['note=401KB', 'note=401KB: must be a size'],
    ['requests=1,requests=2', 'requests is given twice'],
    ['colour=blue', 'unknown key "colour"'],
    ['requests=1,,reads=1', '"" is not key=value'],
  ])('refuses %s with the usage', (value, message) => {
    expect(() => parseTrafficProfile(value)).toThrow(TrafficProfileError);
    expect(() => parseTrafficProfile(value)).toThrow(message);
    expect(() => parseTrafficProfile(value)).toThrow('--traffic takes a profile');
  });
});
