// Reading a function's settings (Lambda environment, Function App app settings) the same way on both
// clouds: a setting that is missing or blank is the same error, naming it, before any client is built.

/** What an entry reads its settings from: process.env in the clouds, a plain object in tests. */
export type Settings = Record<string, string | undefined>;

export class MissingSettingError extends Error {
  constructor(readonly setting: string) {
    super(`${setting} is not set: the function's settings must name it`);
    this.name = 'MissingSettingError';
  }
}

/** The value of a setting the function cannot work without; blank counts as missing. */
export function requireSetting(settings: Settings, name: string): string {
  const value = settings[name];
  if (value === undefined || value.trim() === '') throw new MissingSettingError(name);
  return value;
}
