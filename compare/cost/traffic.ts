// Traffic profiles for the monthly estimate: how many API requests a day, which share reads, how large
// a note is, how many notes are stored. `--traffic` takes a named profile or key=value pairs.

export interface TrafficProfile {
  name: string;
  requestsPerDay: number;
  /** Share of requests that read one note (GET /api/notes/{id}); the rest write (create, update, delete alike). */
  readShare: number;
  /** Bytes of a note as stored (title, body and the fields around them). */
  noteBytes: number;
  /** Notes kept in the store (what storage is billed for, idle or not). */
  storedNotes: number;
}

export const DAYS_PER_MONTH = 30;

export const TRAFFIC_PROFILES: Readonly<Record<string, TrafficProfile>> = {
  hobby: { name: 'hobby', requestsPerDay: 1_000, readShare: 0.9, noteBytes: 1024, storedNotes: 1_000 },
  startup: { name: 'startup', requestsPerDay: 100_000, readShare: 0.8, noteBytes: 2048, storedNotes: 100_000 },
  busy: { name: 'busy', requestsPerDay: 5_000_000, readShare: 0.9, noteBytes: 4096, storedNotes: 10_000_000 },
};

export const DEFAULT_TRAFFIC_PROFILE = 'startup';

export class TrafficProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrafficProfileError';
  }
}

const USAGE = `--traffic takes a profile (${Object.keys(TRAFFIC_PROFILES).join(', ')}) or key=value pairs separated by commas, e.g. requests=50000,reads=80%,note=2KB,stored=20000 (keys: requests per day, reads as a share or %, note size in bytes, KB or MB, stored notes; unset keys come from the "${DEFAULT_TRAFFIC_PROFILE}" profile)`;

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

function count(key: string, text: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(text) || !Number.isSafeInteger(value))
    throw new TrafficProfileError(`${key}=${text}: must be a whole number. ${USAGE}`);
  return value;
}

function share(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1))
    throw new TrafficProfileError(`reads=${text}: must be a share from 0 to 1 or 0% to 100%. ${USAGE}`);
  return value;
}

function size(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(text);
  const bytes = match ? Math.round(Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]!) : NaN;
  // DynamoDB's item limit (400 KB) bounds what a note can be on both clouds.
  if (!(bytes >= 1 && bytes <= 400 * 1024))
    throw new TrafficProfileError(`note=${text}: must be a size from 1 byte to 400KB. ${USAGE}`);
  return bytes;
}

/** A named profile, or key=value pairs over the default profile. Throws TrafficProfileError with the usage. */
export function parseTrafficProfile(value: string | undefined): TrafficProfile {
  const text = (value ?? DEFAULT_TRAFFIC_PROFILE).trim();
  const named = TRAFFIC_PROFILES[text];
  if (named) return named;
  if (!text.includes('=')) throw new TrafficProfileError(`unknown traffic profile "${text}". ${USAGE}`);
  const profile: TrafficProfile = { ...TRAFFIC_PROFILES[DEFAULT_TRAFFIC_PROFILE]!, name: text };
  const seen = new Set<string>();
  for (const pair of text.split(',')) {
    const [key, raw, extra] = pair.split('=').map((s) => s.trim());
    if (!key || raw === undefined || raw === '' || extra !== undefined)
      throw new TrafficProfileError(`"${pair}" is not key=value. ${USAGE}`);
    if (seen.has(key)) throw new TrafficProfileError(`${key} is given twice. ${USAGE}`);
    seen.add(key);
    if (key === 'requests') profile.requestsPerDay = count(key, raw);
    else if (key === 'reads') profile.readShare = share(raw);
    else if (key === 'note') profile.noteBytes = size(raw);
    else if (key === 'stored') profile.storedNotes = count(key, raw);
    else throw new TrafficProfileError(`unknown key "${key}". ${USAGE}`);
  }
  return profile;
}

export const describeProfile = (p: TrafficProfile): string =>
  `${p.name}: ${p.requestsPerDay.toLocaleString('en-US')} requests/day (${Math.round(p.readShare * 100)}% reads of one note, the rest creates, updates and deletes alike), notes of ${p.noteBytes.toLocaleString('en-US')} bytes, ${p.storedNotes.toLocaleString('en-US')} notes stored, ${DAYS_PER_MONTH}-day month`;
